using Flyte.Devbox.Execution;
using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyte.Storage;
using Flyteidl2.Dataproxy;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Storage;

/// <summary>
/// What CreateDownloadLink can name on a devbox: the code bundle a deployed task runs (the <c>--tgz</c> of its container
/// args), and the report an action attempt wrote (<c>report.html</c> under its output prefix, as flyte-sdk writes it).
/// Apps do not run on a devbox: they have no artifacts.
/// </summary>
public sealed class DevboxArtifacts(DevboxDatabase database) : IArtifactLocator
{
    public const string ReportFileName = "report.html";

    public System.Threading.Tasks.Task<IReadOnlyList<string>> FindAsync(CreateDownloadLinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string> found = (request.ArtifactType, request.SourceCase) switch
        {
            (ArtifactType.CodeBundle, CreateDownloadLinkRequest.SourceOneofCase.TaskId) => CodeBundleOf(request.TaskId),
            (ArtifactType.Report, CreateDownloadLinkRequest.SourceOneofCase.ActionAttemptId) => ReportOf(request.ActionAttemptId),
            _ => [],
        };
        return Task.FromResult(found);
    }

    private string[] CodeBundleOf(TaskIdentifier id)
    {
        var task = database.GetTask(new TaskKey(id.Org, id.Project, id.Domain, id.Name, id.Version));
        if (task is null)
        {
            return [];
        }
        var args = TaskSpec.Parser.ParseFrom(task.Spec).TaskTemplate?.Container?.Args ?? [];
        int tgz = args.IndexOf("--tgz");
        return tgz >= 0 && tgz + 1 < args.Count ? [args[tgz + 1]] : [];
    }

    private string[] ReportOf(Flyteidl2.Common.ActionAttemptIdentifier id)
    {
        var action = database.GetAction(Keys.Action(id.ActionId));
        // A trace ran inside its parent: it wrote no report of its own.
        if (action is null || action.Kind == ActionKind.Trace || id.Attempt >= (uint)action.Attempts)
        {
            return [];
        }
        string prefix = AttemptLaunch.OutputPrefix(action.RunOutputBase, action.Key.Name, (int)id.Attempt);
        return [ProtoObjects.Join(prefix, ReportFileName)];
    }
}
