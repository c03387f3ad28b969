using BenchmarkDotNet.Attributes;
using Flyte.Local;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Benchmarks;

/// <summary>
/// A local run of a workflow fanning out to N trivial tasks, against the floor: the same N calls made directly,
/// each with its input and output literals round-tripped through bytes as the engine does at a task boundary.
/// The ratio is what the engine costs per action in units of that floor.
/// </summary>
[MemoryDiagnoser]
public class LocalFanOutBenchmarks
{
    private string _home = "";

    [Params(10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void CreateHome() =>
        _home = Directory.CreateTempSubdirectory("flyte-bench-").FullName;

    [GlobalCleanup]
    public void DeleteHome() => Directory.Delete(_home, recursive: true);

    [Benchmark(Baseline = true)]
    public async Task<long> BareCallsThroughBytes()
    {
        var task = FanOutTasks.FlyteTasks.Increment;
        long sum = 0;
        for (int i = 0; i < N; i++)
        {
            var inputs = LiteralMap.Parser.ParseFrom(task.EncodeInputs(i).ToByteArray());
            LiteralMap outputs = await task.InvokeAsync(inputs, TaskContext.Detached, CancellationToken.None);
            sum += task.DecodeOutputs(LiteralMap.Parser.ParseFrom(outputs.ToByteArray()));
        }
        return sum;
    }

    [Benchmark]
    public async Task<long> LocalRunFanOut()
    {
        var options = new LocalRunOptions { FlyteHome = _home };
        var run = await FanOutTasks.FlyteTasks.FanOut.RunLocalAsync(N, options);
        return run.Value;
    }
}
