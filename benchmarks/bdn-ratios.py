# Prints the figures of benchmarks/run.sh local from BenchmarkDotNet's JSON reports: usage: python3 bdn-ratios.py <results>
# Each benchmark is compared with its baseline from the same run, as a ratio of means.
import glob, json, sys

results = {}
for path in glob.glob(f"{sys.argv[1]}/*.json"):
    with open(path) as report:
        for benchmark in json.load(report)["Benchmarks"]:
            results[benchmark["Method"]] = benchmark


def mean_ns(method):
    return results[method]["Statistics"]["Mean"]


def allocated(method):
    return results[method]["Memory"]["BytesAllocatedPerOperation"]


missing = [m for m in ("BareCallsThroughBytes", "LocalRunFanOut", "ReflectionJsonStruct", "GeneratedConverters") if m not in results]
if missing:
    sys.exit(f"no result for {', '.join(missing)}: see BenchmarkDotNet's output above")

n = int(dict(p.split("=") for p in results["LocalRunFanOut"]["Parameters"].split("&"))["N"])
bare, engine = mean_ns("BareCallsThroughBytes") / n, mean_ns("LocalRunFanOut") / n
print(f"Local engine: a workflow fanning out to {n:,} trivial tasks (RunLocalAsync), against the same calls made directly")
print(f"  bare call, literals through bytes  {bare / 1000:8.2f} us/task  {allocated('BareCallsThroughBytes') / n / 1024:6.2f} KB/task")
print(f"  local engine                       {engine / 1000:8.2f} us/task  {allocated('LocalRunFanOut') / n / 1024:6.2f} KB/task  {1e9 / engine:,.0f} tasks/s")
print(f"  ratio {engine / bare:.1f}x the bare call (target: at most 10x)")

baseline, generated = mean_ns("ReflectionJsonStruct"), mean_ns("GeneratedConverters")
print("Literal codec: encode + decode of a 10-field record and 1,000 ints")
print(f"  System.Text.Json to a STRUCT (baseline)  {baseline / 1000:8.1f} us  {allocated('ReflectionJsonStruct') / 1024:7.1f} KB")
print(f"  generated converters                     {generated / 1000:8.1f} us  {allocated('GeneratedConverters') / 1024:7.1f} KB")
print(f"  {baseline / generated:.1f}x faster than the baseline (target: at least 10x), "
      f"allocating {allocated('GeneratedConverters') / allocated('ReflectionJsonStruct'):.2f}x as much (target: at most 1x)")
