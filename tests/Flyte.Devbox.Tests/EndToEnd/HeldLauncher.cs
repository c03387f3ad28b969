using Flyte.Devbox.Execution;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// Runs attempts with another launcher, but holds an attempt whose token was cancelled (aborted) once that launcher has
/// stopped it, until the test calls <see cref="Release"/>: the action then stays RUNNING in the devbox, with its abort
/// asked for, for as long as the test needs to look at it. Attempts nobody cancelled pass through.
/// </summary>
internal sealed class HeldLauncher(IActionLauncher inner) : IActionLauncher
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.RunAsync(request, cancellationToken);
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await _released.Task;
            }
        }
    }

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => inner.StopOrphansAsync(workRoot, cancellationToken);
}
