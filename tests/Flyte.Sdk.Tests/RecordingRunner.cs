using Flyte.Generation;
using System.Collections.Concurrent;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Sdk.Tests;

/// <summary>
/// A test double of the engine: records every child call, and runs it in-process through its
/// definition with the inputs decoded from bytes, as a real engine would.
/// </summary>
internal sealed class RecordingRunner : ITaskRunner
{
    public ConcurrentQueue<(string Task, LiteralMap Inputs)> Calls { get; } = new();

    public async Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken)
    {
        Calls.Enqueue((task.Name, inputs));
        var received = LiteralMap.Parser.ParseFrom(inputs.ToByteArray());
        using var scope = FlyteContext.Enter(this);
        return await task.InvokeAsync(received, TaskContext.Detached, cancellationToken);
    }
}
