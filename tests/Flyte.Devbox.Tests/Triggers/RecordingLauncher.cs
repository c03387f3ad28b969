using System.Collections.Concurrent;
using Flyte.Devbox.Execution;

namespace Flyte.Devbox.Tests.Triggers;

/// <summary>Runs attempts with another launcher and keeps what each was started with, for tests of the executor's substitutions.</summary>
internal sealed class RecordingLauncher(IActionLauncher inner) : IActionLauncher
{
    private readonly ConcurrentQueue<LaunchRequest> _launched = new();

    public IReadOnlyList<LaunchRequest> Launched => [.. _launched];

    public Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        _launched.Enqueue(request);
        return inner.RunAsync(request, cancellationToken);
    }

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => inner.StopOrphansAsync(workRoot, cancellationToken);
}
