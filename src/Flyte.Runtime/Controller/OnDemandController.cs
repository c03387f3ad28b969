using Flyte.Generation;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// Creates the <see cref="ActionsController"/> on the task's first child call, so that a task that calls no other
/// task (most of them) never pays for setting one up on a0's start-up path.
/// </summary>
internal sealed class OnDemandController(Func<ActionsController> create) : ITaskRunner, IAsyncDisposable
{
    private ActionsController? _controller;

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        // Concurrent first calls may each create one; only the one published is ever used, and the others hold nothing to release.
        LazyInitializer.EnsureInitialized(ref _controller, create).RunChildAsync(task, inputs, cancellationToken);

    public ValueTask DisposeAsync() => _controller?.DisposeAsync() ?? ValueTask.CompletedTask;
}
