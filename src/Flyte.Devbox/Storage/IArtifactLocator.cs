using Flyteidl2.Dataproxy;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Finds the objects a <c>CreateDownloadLink</c> request names (a code bundle of a task, a report of an action
/// attempt, …). Knowing them takes the devbox's task and run state, which lives outside storage.
/// </summary>
public interface IArtifactLocator
{
    /// <summary>The native URLs of the artifact's objects; empty when there is no such artifact.</summary>
    Task<IReadOnlyList<string>> FindAsync(CreateDownloadLinkRequest request, CancellationToken cancellationToken);
}
