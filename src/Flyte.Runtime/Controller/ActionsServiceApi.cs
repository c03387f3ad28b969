using Flyteidl2.Actions;
using Flyteidl2.Common;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The children of one parent through <c>ActionsService</c>. Every call carries the <c>x-actions-*</c> headers
/// flyte-sdk's controller sends (the run's project, domain and name, and the parent action), which a hosted control
/// plane routes by; the open-source backend ignores them (docs/children.md).
/// </summary>
internal sealed class ActionsServiceApi(CallInvoker invoker, ActionIdentifier parent) : IChildActionsApi
{
    private readonly ActionsService.ActionsServiceClient _client = new(invoker);
    private readonly Metadata _headers = new()
    {
        { "x-actions-project", parent.Run.Project },
        { "x-actions-domain", parent.Run.Domain },
        { "x-actions-run", parent.Run.Name },
        { "x-actions-parent-action", parent.Name },
    };

    public string Name => "ActionsService";

    public async Task EnqueueAsync(Flyteidl2.Actions.Action action, CancellationToken cancellationToken) =>
        await _client.EnqueueAsync(new EnqueueRequest { Action = action }, _headers, cancellationToken: cancellationToken).ConfigureAwait(false);

    public ChildUpdateStream Watch(ActionIdentifier parentAction, CancellationToken cancellationToken)
    {
        var call = _client.WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = parentAction }, _headers, cancellationToken: cancellationToken);
        return new ChildUpdateStream(call.ResponseStream, call);
    }

    public async Task AbortAsync(ActionIdentifier action, string reason, CancellationToken cancellationToken) =>
        await _client.AbortAsync(new AbortRequest { ActionId = action, Reason = reason }, _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
}
