using System.Runtime.CompilerServices;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Flyteidl2.Logs.Dataplane;
using Flyteidl2.Workflow;
using Grpc.Core;
using Action = Flyteidl2.Workflow.Action;
using GetActionDataRequest = Flyteidl2.Workflow.GetActionDataRequest;
using TailLogsRequest = Flyteidl2.Dataproxy.TailLogsRequest;

namespace Flyte.Remote;

/// <summary>A run on the control plane: watch it to its end, read its outputs, or abort it.</summary>
public class RemoteRun
{
    /// <summary>The root action of every run.</summary>
    public const string RootActionName = "a0";

    private const uint ListPageSize = 500;

    private readonly FlyteRemote _remote;

    internal RemoteRun(FlyteRemote remote, RunIdentifier id)
    {
        _remote = remote;
        Id = id;
    }

    /// <summary>The run's identifier on the control plane.</summary>
    public RunIdentifier Id { get; }

    /// <summary>The run's name.</summary>
    public string Name => Id.Name;

    /// <summary>
    /// The run's page in the control plane's web console: <c>&lt;endpoint&gt;/v2/runs/project/P/domain/D/RUN</c>, the
    /// address flyte-sdk's <c>Run.url</c> gives and the devbox's console serves (docs/console.md).
    /// </summary>
    public Uri Url => RunLinks.Of(new Uri(_remote.Options.Endpoint), Id.Project, Id.Domain, Id.Name);

    /// <summary>The run as the control plane sees it now: its phase, its actions and their errors.</summary>
    public Task<RunDetails> GetDetailsAsync(CancellationToken cancellationToken = default) =>
        _remote.CallAsync(async () => (await _remote.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = Id }, cancellationToken: cancellationToken).ConfigureAwait(false)).Details);

    /// <summary>
    /// Follows the run (WatchRunDetails) until it ends; each change goes to <paramref name="progress"/> once. A dropped
    /// stream is reopened (docs/watches.md); the details it replays are passed on only when they changed.
    /// </summary>
    /// <exception cref="WatchLostException">The control plane stayed unreachable longer than the watch waits.</exception>
    public async Task<RunDetails> WaitAsync(IProgress<RunDetails>? progress = null, CancellationToken cancellationToken = default)
    {
        var reconnects = Reconnects($"the watch of run {Name}");
        RunDetails? last = null;
        while (true)
        {
            using (var watch = _remote.Runs.WatchRunDetails(new WatchRunDetailsRequest { RunId = Id }, cancellationToken: cancellationToken))
            {
                while (await NextAsync(reconnects, watch.ResponseStream, cancellationToken).ConfigureAwait(false))
                {
                    var details = watch.ResponseStream.Current.Details;
                    if (details is null || details.Equals(last))
                    {
                        continue;
                    }
                    last = details;
                    progress?.Report(details);
                    if (PhaseNames.IsTerminal(PhaseOf(details)))
                    {
                        return details;
                    }
                }
            }
            await reconnects.WaitToReconnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The run's outputs once it has succeeded (waiting for it first); a run that did not succeed throws.</summary>
    /// <exception cref="RemoteRunFailedException">The run failed, timed out or was aborted.</exception>
    public async Task<LiteralMap> GetOutputsAsync(CancellationToken cancellationToken = default)
    {
        var details = await GetDetailsAsync(cancellationToken).ConfigureAwait(false);
        if (!PhaseNames.IsTerminal(PhaseOf(details)))
        {
            details = await WaitAsync(null, cancellationToken).ConfigureAwait(false);
        }
        if (!PhaseNames.IsSuccess(PhaseOf(details)))
        {
            throw new RemoteRunFailedException(Name, PhaseOf(details), details.Action?.ErrorInfo);
        }
        var outputs = await ReadRootOutputsAsync(cancellationToken).ConfigureAwait(false);
        return Local.RunLayout.ToLiteralMap(outputs?.Literals ?? []);
    }

    /// <summary>
    /// The root action's outputs through DataProxyService.GetActionData; a control plane that does not serve it yet
    /// answers RunService.GetActionData, its older twin.
    /// </summary>
    private async Task<Flyteidl2.Task.Outputs?> ReadRootOutputsAsync(CancellationToken cancellationToken)
    {
        var root = new ActionIdentifier { Run = Id, Name = RootActionName };
        try
        {
            var data = await _remote.DataProxy.GetActionDataAsync(
                new Flyteidl2.Dataproxy.GetActionDataRequest { ActionId = root }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return data.Outputs;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
#pragma warning disable CS0612, CS0618 // the fallback is the obsolete call, on purpose
            var data = await _remote.CallAsync(async () => await _remote.Runs.GetActionDataAsync(
                new GetActionDataRequest { ActionId = root }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
#pragma warning restore CS0612, CS0618
            return data.Outputs;
        }
        catch (RpcException e)
        {
            throw _remote.Translate(e);
        }
    }

    /// <summary>One action of the run, by name (the root is <c>a0</c>), with its attempts and error.</summary>
    public Task<ActionDetails> GetActionDetailsAsync(string actionName, CancellationToken cancellationToken = default) =>
        _remote.CallAsync(async () => (await _remote.Runs.GetActionDetailsAsync(new GetActionDetailsRequest
        {
            ActionId = new ActionIdentifier { Run = Id, Name = actionName },
        }, cancellationToken: cancellationToken).ConfigureAwait(false)).Details);

    /// <summary>Every action of the run: the root and its descendants, each naming its parent.</summary>
    public async Task<IReadOnlyList<Action>> ListActionsAsync(CancellationToken cancellationToken = default)
    {
        var actions = new List<Action>();
        string token = "";
        do
        {
            var page = await _remote.CallAsync(async () => await _remote.Runs.ListActionsAsync(new ListActionsRequest
            {
                RunId = Id,
                Request = new ListRequest { Limit = ListPageSize, Token = token },
            }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            actions.AddRange(page.Actions);
            token = page.Token;
        }
        while (token.Length > 0);
        return actions;
    }

    /// <summary>
    /// Follows the run's actions (WatchActions): every action as it is now, then each change, until the root action
    /// ends. Changes of one action arrive in order; the last one seen is its state. A dropped stream is reopened
    /// (docs/watches.md): the server replays every action then, and only those that changed since they were last
    /// passed on are passed on again.
    /// </summary>
    /// <exception cref="WatchLostException">The control plane stayed unreachable longer than the watch waits.</exception>
    public async IAsyncEnumerable<Action> WatchActionsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reconnects = Reconnects($"the watch of the actions of run {Name}");
        var passedOn = new Dictionary<string, Action>(StringComparer.Ordinal);
        while (true)
        {
            using (var watch = _remote.Runs.WatchActions(new WatchActionsRequest { RunId = Id }, cancellationToken: cancellationToken))
            {
                bool rootEnded = false;
                while (!rootEnded && await NextAsync(reconnects, watch.ResponseStream, cancellationToken).ConfigureAwait(false))
                {
                    // Every action of a message is looked at, not just up to the root: the first message lists every action, and the root may come before its children.
                    foreach (var enriched in watch.ResponseStream.Current.EnrichedActions)
                    {
                        if (enriched.Action is not { Id.Name: { } name } action
                            || (passedOn.TryGetValue(name, out var previous) && previous.Equals(action)))
                        {
                            continue;
                        }
                        passedOn[name] = action;
                        yield return action;
                        rootEnded |= name == RootActionName && PhaseNames.IsTerminal(action.Status?.Phase ?? ActionPhase.Unspecified);
                    }
                }
                if (rootEnded)
                {
                    yield break;
                }
            }
            await reconnects.WaitToReconnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The log lines one attempt of an action wrote (DataProxyService.TailLogs), as the control plane streams them.</summary>
    public async IAsyncEnumerable<LogLine> TailLogsAsync(string actionName, uint attempt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var tail = _remote.DataProxy.TailLogs(new TailLogsRequest
        {
            ActionId = new ActionIdentifier { Run = Id, Name = actionName },
            Attempt = attempt,
        }, cancellationToken: cancellationToken);
        while (await NextAsync(tail.ResponseStream, cancellationToken).ConfigureAwait(false))
        {
            foreach (var logs in tail.ResponseStream.Current.Logs)
            {
                foreach (var line in logs.Lines)
                {
                    yield return line;
                }
            }
        }
    }

    /// <summary>
    /// The HTML report one attempt of an action wrote (docs/reports.md), as flyte-sdk's <c>Action.get_report</c> fetches
    /// it: a download link from DataProxyService.CreateDownloadLink (ARTIFACT_TYPE_REPORT), then a GET of the link.
    /// Null when the attempt wrote none.
    /// </summary>
    public async Task<string?> GetReportAsync(string actionName, uint attempt, CancellationToken cancellationToken = default)
    {
        CreateDownloadLinkResponse link;
        try
        {
            link = await _remote.DataProxy.CreateDownloadLinkAsync(new CreateDownloadLinkRequest
            {
                ArtifactType = ArtifactType.Report,
                ActionAttemptId = new ActionAttemptIdentifier { ActionId = new ActionIdentifier { Run = Id, Name = actionName }, Attempt = attempt },
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e)
        {
            throw _remote.Translate(e);
        }
        if (link.PreSignedUrls?.SignedUrl is not [var url, ..])
        {
            return null;
        }
        string failure = $"could not download the report of action {actionName} (attempt {attempt}) of run {Name}";
        try
        {
            using var response = await _remote.Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new FlyteRemoteException($"{failure}: GET answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FlyteRemoteException($"{failure}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FlyteRemoteException($"{failure}: the download timed out", e);
        }
    }

    /// <summary>The next message of a watch, false when it ended or dropped; other gRPC failures become one-line <see cref="FlyteRemoteException"/>s.</summary>
    private async Task<bool> NextAsync<TMessage>(WatchReconnects reconnects, IAsyncStreamReader<TMessage> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await reconnects.MoveNextAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw _remote.Translate(e);
        }
    }

    private WatchReconnects Reconnects(string watched) => new(watched, _remote.Options.Endpoint, _remote.Options.WatchPatience);

    private static ActionPhase PhaseOf(RunDetails details) => details.Action?.Status?.Phase ?? ActionPhase.Unspecified;

    /// <summary>The next message of a stream; gRPC failures become one-line <see cref="FlyteRemoteException"/>s.</summary>
    private async Task<bool> NextAsync<TMessage>(IAsyncStreamReader<TMessage> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw _remote.Translate(e);
        }
    }

    /// <summary>Asks the control plane to abort the run and every action in it, for <paramref name="reason"/>.</summary>
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
