using System.Globalization;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Execution;

/// <summary>
/// The task container contract (docs/protocol.md, Task container contract) applied to one attempt: placeholders in the
/// args replaced, the executor's variables set, and where the attempt writes its result.
/// </summary>
public static class AttemptLaunch
{
    /// <summary><c>&lt;run output base&gt;/&lt;action&gt;/&lt;attempt&gt;</c>: where a0 writes outputs.pb or error.pb.</summary>
    public static string OutputPrefix(string runOutputBase, string actionName, int attempt) =>
        ProtoObjects.Join(ProtoObjects.Join(runOutputBase, actionName), attempt.ToString(CultureInfo.InvariantCulture));

    /// <param name="endpoint">The devbox's own address, for the controller of a parent action (<c>_U_EP_OVERRIDE</c>).</param>
    /// <param name="devboxVariables">What the devbox gives every attempt: how to reach the run's storage (the S3 endpoint and credentials), the eager API key, <c>_U_USE_ACTIONS</c>; they override the task's own variables.</param>
    public static LaunchRequest Create(TaskSpec spec, ActionIdentifier action, string inputUri, string runOutputBase, int attempt,
        DateTimeOffset runStartTime, string endpoint, string workingDirectory, string logPath, IReadOnlyDictionary<string, string>? devboxVariables = null)
    {
        var template = spec.TaskTemplate;
        string actionPrefix = ProtoObjects.Join(runOutputBase, action.Name);
        string outputPrefix = OutputPrefix(runOutputBase, action.Name, attempt);
        string previous = attempt == 0 ? "" : ProtoObjects.Join(OutputPrefix(runOutputBase, action.Name, attempt - 1), "_flytecheckpoints");
        var args = ContainerPlaceholders.Render(template.Container?.Args ?? [], new Dictionary<string, string>
        {
            [ContainerPlaceholders.Input] = inputUri,
            [ContainerPlaceholders.InputPrefix] = actionPrefix,
            [ContainerPlaceholders.OutputPrefix] = outputPrefix,
            [ContainerPlaceholders.RawOutputDataPrefix] = ProtoObjects.Join(outputPrefix, "raw"),
            [ContainerPlaceholders.CheckpointOutputPrefix] = ProtoObjects.Join(outputPrefix, "_flytecheckpoints"),
            [ContainerPlaceholders.PrevCheckpointPrefix] = previous,
            [ContainerPlaceholders.PerRetryUniqueKey] = $"{action.Run.Name}-{action.Name}-{attempt}",
            [ContainerPlaceholders.RunStartTime] = runStartTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });

        var environment = SharedEnvironment(spec, endpoint, devboxVariables);
        environment["RUN_NAME"] = action.Run.Name;
        environment["ACTION_NAME"] = action.Name;
        environment["_U_RUN_BASE"] = runOutputBase;
        environment["_U_ORG_NAME"] = action.Run.Org;
        environment["FLYTE_INTERNAL_EXECUTION_PROJECT"] = action.Run.Project;
        environment["FLYTE_INTERNAL_EXECUTION_DOMAIN"] = action.Run.Domain;
        environment["FLYTE_ATTEMPT_NUMBER"] = attempt.ToString(CultureInfo.InvariantCulture);

        return new LaunchRequest(args, environment, workingDirectory, logPath, template.Container?.Image ?? "",
            ResourceRequest.From(template.Container), ResourceRequest.LimitsFrom(template.Container));
    }

    /// <summary>
    /// What the workers of a reusable task's pool are started with: the task's image and limits, and the variables every
    /// attempt of the task gets, without those of one attempt (names, attempt number, secrets), which come with each
    /// attempt instead (docs/workers.md).
    /// </summary>
    public static Workers.WorkerTemplate WorkerTemplate(TaskSpec spec, string endpoint, IReadOnlyDictionary<string, string>? devboxVariables = null) =>
        new(spec.TaskTemplate.Container?.Image ?? "", ResourceRequest.LimitsFrom(spec.TaskTemplate.Container), SharedEnvironment(spec, endpoint, devboxVariables));

    /// <summary>The task's variables, the devbox's over them, and where the control plane is.</summary>
    private static Dictionary<string, string> SharedEnvironment(TaskSpec spec, string endpoint, IReadOnlyDictionary<string, string>? devboxVariables)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in spec.TaskTemplate.Container?.Env ?? [])
        {
            environment[variable.Key] = variable.Value;
        }
        foreach (var (name, value) in devboxVariables ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
        environment["_U_EP_OVERRIDE"] = endpoint;
        environment["_U_INSECURE"] = "true";
        return environment;
    }
}
