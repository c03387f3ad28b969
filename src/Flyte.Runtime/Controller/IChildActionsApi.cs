using Flyteidl2.Actions;
using Flyteidl2.Common;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The three calls a parent makes about its children: enqueue one, watch them all, abort one. A control plane offers
/// them as the unified <c>ActionsService</c> (<see cref="ActionsServiceApi"/>, what the open-source backend serves
/// and tells pods to use with <c>_U_USE_ACTIONS=1</c>) or as <c>QueueService</c> and <c>StateService</c>
/// (<see cref="QueueStateApi"/>, what flyte-sdk uses when that variable is not "1"); docs/children.md.
/// </summary>
internal interface IChildActionsApi
{
    /// <summary>The name of the API, for messages.</summary>
    string Name { get; }

    Task EnqueueAsync(Flyteidl2.Actions.Action action, CancellationToken cancellationToken);

    /// <summary>Opens the watch of <paramref name="parent"/>'s children: replay, sentinel, then live updates.</summary>
    ChildUpdateStream Watch(ActionIdentifier parent, CancellationToken cancellationToken);

    Task AbortAsync(ActionIdentifier action, string reason, CancellationToken cancellationToken);
}

/// <summary>A watch of children, whichever service it came from, read as <c>ActionsService</c>'s messages.</summary>
internal sealed class ChildUpdateStream(IAsyncStreamReader<WatchForUpdatesResponse> updates, IDisposable call) : IDisposable
{
    public IAsyncStreamReader<WatchForUpdatesResponse> Updates { get; } = updates;

    public void Dispose() => call.Dispose();
}
