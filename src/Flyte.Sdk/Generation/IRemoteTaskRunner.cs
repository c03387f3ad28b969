using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>
/// A runner that can call tasks deployed on the control plane it runs under: a0's. The local engine is none, so a
/// [RemoteTask] called in a local run fails with a message that says so (<see cref="RemoteTaskCalls"/>).
/// </summary>
internal interface IRemoteTaskRunner
{
    /// <summary>Fetches the deployed spec, checks it against the declaration, runs it as a child action and returns its outputs.</summary>
    Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken);
}
