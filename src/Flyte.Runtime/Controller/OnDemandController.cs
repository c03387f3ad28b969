using Flyte.Generation;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// Creates the <see cref="ActionsController"/> on the task's first child, remote task or trace call, so that a task that calls
/// neither (most of them) never pays for setting one up on a0's start-up path.
/// </summary>
internal sealed class OnDemandController(Func<ActionsController> create) : ITaskRunner, ITraceRunner, IRemoteTaskRunner, IAsyncDisposable
{
    private ActionsController? _controller;

    // Concurrent first calls may each create one; only the one published is ever used, and the others hold nothing to release.
    private ActionsController Controller => LazyInitializer.EnsureInitialized(ref _controller, create);

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        Controller.RunChildAsync(task, inputs, cancellationToken);

    public Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, CancellationToken cancellationToken) =>
        Controller.BeginTraceAsync(trace, inputs, cancellationToken);

    public Task RecordTraceAsync(TraceCall call, TraceOutcome outcome, CancellationToken cancellationToken) =>
        Controller.RecordTraceAsync(call, outcome, cancellationToken);

    public Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        Controller.RunRemoteAsync(task, inputs, cancellationToken);

    public ValueTask DisposeAsync() => _controller?.DisposeAsync() ?? ValueTask.CompletedTask;
}
