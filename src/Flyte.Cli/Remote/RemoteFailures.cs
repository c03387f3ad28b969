using Flyte.Remote;

namespace Flyte.Cli.Remote;

/// <summary>
/// A command that talks to a control plane: what the control plane refuses or cannot do becomes the one-line error and
/// exit 2, and so does a Ctrl+C that stops the command midway.
/// </summary>
internal static class RemoteFailures
{
    public static async Task<int> AsUsageErrorsAsync(Func<Task<int>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (FlyteRemoteException e)
        {
            throw new UsageException(e.Message.ReplaceLineEndings(" "), e);
        }
        catch (RemoteTaskException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new UsageException("stopped (Ctrl+C) before the command finished", e);
        }
    }
}
