using Flyte.Devbox.Execution;

namespace Flyte.Devbox.Tests.Triggers;

/// <summary>Starts nothing: every attempt stays running until the devbox stops it, so a test sees the runs triggers created.</summary>
internal sealed class ParkedLauncher : IActionLauncher
{
    public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => Task.FromResult(0);
}
