# Times command lines interleaved, for the benchmark scripts: usage: python3 median-times.py <runs> name|command ...
# Each command is started with posix_spawn and reaped with wait4, so the figures hold little besides the program itself
# (timing with `date` in a shell adds a millisecond or two of its own to each side). All of them interleaved, in
# alternating order, after a warm-up run each, so that load changes hit each alike. Prints "name median-ms" lines.
# Command lines are split on spaces: no path in them may have one.
import os, statistics, sys, time

runs = int(sys.argv[1])
commands = [tuple(c.split("|", 1)) for c in sys.argv[2:]]
devnull = os.open(os.devnull, os.O_WRONLY)


def run(line):
    argv = line.split()
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, _ = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"failed ({status}): {line}")
    return (time.perf_counter_ns() - start) / 1e6


for _, line in commands:
    run(line)
times = {name: [] for name, _ in commands}
for i in range(runs):
    for name, line in (commands if i % 2 == 0 else commands[::-1]):
        times[name].append(run(line))
for name, values in times.items():
    print(name, f"{statistics.median(values):.1f}")
