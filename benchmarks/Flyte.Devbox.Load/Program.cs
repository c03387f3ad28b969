using Flyte.Generation;
using System.Diagnostics;
using System.Globalization;
using Flyte.Devbox;
using Flyte.Devbox.Execution;
using Flyte.Loading;
using Flyte.Local;
using Flyte.Remote;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Google.Protobuf;

// The devbox's cost per run, against the bare cost of the work it orchestrates (starting a0 for the task), both
// measured here, now: a trivial task (quickstart.Square) started N times by hand, then run N times one after another
// through the devbox, then `runs` runs submitted at once.
// With `--docker <image> [samples]`: the Docker launcher's latency for one trivial run against `docker run --rm <image> true`.
bool docker = args is ["--docker", _, ..];
string? image = docker ? args[1] : null;
args = docker ? args[2..] : args;
int runs = args.Length > 0 && !docker ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
int samples = docker ? (args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15)
    : args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;

string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
string root = FindRepositoryRoot();
string a0 = Path.Combine(root, "src", "Flyte.Runtime", "bin", configuration, "net10.0", "a0.dll");
string quickstart = Path.Combine(root, "samples", "Quickstart", "bin", configuration, "net10.0");
string work = Directory.CreateTempSubdirectory("devbox-load-").FullName;
try
{
    var square = LoadSquare(quickstart);

    double bare = docker
        ? Median(Enumerable.Range(0, samples).Select(_ => TimeCommand("docker", ["run", "--rm", "--network", "host", image!, "true"])).ToList())
        : Median(Enumerable.Range(0, samples).Select(i => TimeBareA0(a0, quickstart, work, i)).ToList());
    Console.WriteLine(docker
        ? $"docker run --rm {image} true: median {bare:F0} ms over {samples} runs"
        : $"bare a0 (Square from local files): median {bare:F0} ms over {samples} runs");

    string data = Path.Combine(work, "devbox");
    IActionLauncher? launcher = docker ? new DockerLauncher(new DockerLauncherOptions { DefaultImage = image!, SharedDirectories = [data] }) : null;
    await using var devbox = await DevboxServer.StartAsync(new DevboxOptions { DataDirectory = data, Port = 0, A0Command = ["dotnet", a0], Launcher = launcher });
    using var remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = devbox.Endpoint });
    await remote.DeployAsync(quickstart, [square]);

    var latencies = new List<double>();
    for (int i = 0; i < samples; i++)
    {
        var clock = Stopwatch.StartNew();
        var run = await remote.RunAsync(square, Inputs(1_000_000 + i), Decode);
        await run.GetOutputAsync();
        latencies.Add(clock.Elapsed.TotalMilliseconds);
    }
    double endToEnd = Median(latencies);
    Console.WriteLine($"one run through the devbox (submit → SUCCEEDED → outputs): median {endToEnd:F0} ms over {samples} runs");
    if (docker)
    {
        Console.WriteLine($"Docker launcher: one run median {endToEnd:F0} ms, {endToEnd - bare:F0} ms more than an empty container; ratio {endToEnd / bare:F2}");
        return 0;
    }
    Console.WriteLine($"devbox overhead per run: median {endToEnd - bare:F0} ms (target: under 1000 ms); ratio to bare a0: {endToEnd / bare:F2}");

    var load = Stopwatch.StartNew();
    var started = await Task.WhenAll(Enumerable.Range(0, runs).Select(i => remote.RunAsync(square, Inputs(i), Decode)));
    var results = await Task.WhenAll(started.Select(run => run.GetOutputAsync()));
    load.Stop();
    int wrong = results.Where((value, i) => value != (long)i * i).Count();
    int distinct = started.Select(r => r.Name).Distinct().Count();
    Console.WriteLine($"{runs} runs submitted at once: all done in {load.Elapsed.TotalSeconds:F1} s, {runs / load.Elapsed.TotalSeconds:F1} runs/s; " +
        $"{distinct} distinct runs, {wrong} wrong outputs; max {Environment.ProcessorCount} cores, Square asks for 1 CPU");
    return wrong == 0 && distinct == runs ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static long Decode(LiteralMap outputs) => outputs.Literals["o0"].Scalar.Primitive.Integer;

static LiteralMap Inputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

static double TimeBareA0(string a0, string code, string work, int i)
{
    string folder = Path.Combine(work, "bare", i.ToString(CultureInfo.InvariantCulture));
    Directory.CreateDirectory(folder);
    string inputs = Path.Combine(folder, "inputs.pb");
    File.WriteAllBytes(inputs, RunLayout.ToInputs(Inputs(1_000 + i)).ToByteArray());
    double elapsed = TimeCommand("dotnet", [a0, "--inputs", inputs, "--outputs-path", folder, "--dest", code, "--resolver", "flyte-dotnet", "assembly", "Quickstart", "task", "quickstart.Square"]);
    if (!File.Exists(Path.Combine(folder, "outputs.pb")))
    {
        throw new InvalidOperationException("bare a0 wrote no outputs.pb");
    }
    return elapsed;
}

static double TimeCommand(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? clock.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
}

static TaskDefinition LoadSquare(string folder)
{
    string path = Path.Combine(folder, "Quickstart.dll");
    var assembly = new TaskLoadContext(path, []).LoadFromAssemblyPath(path);
    return TaskRegistry.Initialize(assembly)!.Tasks.Single(t => t.Name == "quickstart.Square");
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Flyte.sln")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException("run this from inside the repository");
}
