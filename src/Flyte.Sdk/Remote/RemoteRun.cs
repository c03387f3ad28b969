using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Remote;

/// <summary>A run on the control plane: watch it to its end, read its outputs, or abort it.</summary>
public class RemoteRun
{
    private readonly FlyteRemote _remote;

    internal RemoteRun(FlyteRemote remote, RunIdentifier id)
    {
        _remote = remote;
        Id = id;
    }

    public RunIdentifier Id { get; }

    public string Name => Id.Name;

    public Task<RunDetails> GetDetailsAsync(CancellationToken cancellationToken = default) =>
        _remote.CallAsync(async () => (await _remote.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = Id }, cancellationToken: cancellationToken).ConfigureAwait(false)).Details);

    /// <summary>Follows the run (WatchRunDetails) until it ends; each change goes to <paramref name="progress"/>.</summary>
    public Task<RunDetails> WaitAsync(IProgress<RunDetails>? progress = null, CancellationToken cancellationToken = default) =>
        _remote.CallAsync(async () =>
        {
            using var watch = _remote.Runs.WatchRunDetails(new WatchRunDetailsRequest { RunId = Id }, cancellationToken: cancellationToken);
            RunDetails? last = null;
            while (await watch.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                last = watch.ResponseStream.Current.Details;
                progress?.Report(last);
            }
            return last ?? await GetDetailsAsync(cancellationToken).ConfigureAwait(false);
        });

    /// <summary>The run's outputs once it has succeeded (waiting for it first); a run that did not succeed throws.</summary>
    /// <exception cref="RemoteRunFailedException">The run failed, timed out or was aborted.</exception>
    public async Task<LiteralMap> GetOutputsAsync(CancellationToken cancellationToken = default)
    {
        var details = await GetDetailsAsync(cancellationToken).ConfigureAwait(false);
        if (!PhaseNames.IsTerminal(details.Action.Status.Phase))
        {
            details = await WaitAsync(null, cancellationToken).ConfigureAwait(false);
        }
        if (details.Action.Status.Phase != ActionPhase.Succeeded)
        {
            throw new RemoteRunFailedException(Name, details.Action.Status.Phase, details.Action.ErrorInfo);
        }
        var data = await _remote.CallAsync(async () => await _remote.DataProxy.GetActionDataAsync(
            new Flyteidl2.Dataproxy.GetActionDataRequest { ActionId = new ActionIdentifier { Run = Id, Name = "a0" } }, cancellationToken: cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);
        return Local.RunLayout.ToLiteralMap(data.Outputs?.Literals ?? []);
    }

    public Task AbortAsync(string reason = "aborted by the user", CancellationToken cancellationToken = default) =>
        _remote.CallAsync(async () => await _remote.Runs.AbortRunAsync(new AbortRunRequest { RunId = Id, Reason = reason }, cancellationToken: cancellationToken).ConfigureAwait(false));
}

/// <summary>A run whose outputs decode to <typeparamref name="T"/>: the task's return type.</summary>
public sealed class RemoteRun<T> : RemoteRun
{
    private readonly Func<LiteralMap, T> _decode;

    internal RemoteRun(FlyteRemote remote, RunIdentifier id, Func<LiteralMap, T> decode) : base(remote, id) => _decode = decode;

    /// <summary>The task's result, once the run has succeeded.</summary>
    /// <exception cref="RemoteRunFailedException">The run failed, timed out or was aborted.</exception>
    public async Task<T> GetOutputAsync(CancellationToken cancellationToken = default) =>
        _decode(await GetOutputsAsync(cancellationToken).ConfigureAwait(false));
}
