using Flyte.Devbox.State;
using Flyteidl2.Common;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>Identifiers from requests as the devbox's keys, each part checked by <see cref="Identifiers"/>.</summary>
public static class Keys
{
    public static RunKey Run(RunIdentifier? id, string field = "run_id")
    {
        if (id is null)
        {
            throw Invalid($"{field} is required");
        }
        return new RunKey(Identifiers.Org(id.Org, $"{field}.org"), Identifiers.Name(id.Project, $"{field}.project"),
            Identifiers.Name(id.Domain, $"{field}.domain"), Identifiers.Name(id.Name, $"{field}.name"));
    }

    public static ActionKey Action(ActionIdentifier? id, string field = "action_id")
    {
        if (id is null)
        {
            throw Invalid($"{field} is required");
        }
        return new ActionKey(Run(id.Run, $"{field}.run"), Identifiers.Name(id.Name, $"{field}.name"));
    }

    public static TaskKey Task(Flyteidl2.Task.TaskIdentifier? id, string field = "task_id")
    {
        if (id is null)
        {
            throw Invalid($"{field} is required");
        }
        return new TaskKey(Identifiers.Org(id.Org, $"{field}.org"), Identifiers.Name(id.Project, $"{field}.project"),
            Identifiers.Name(id.Domain, $"{field}.domain"), Identifiers.TaskName(id.Name, $"{field}.name"), Identifiers.Version(id.Version, $"{field}.version"));
    }

    public static TriggerKey Trigger(TriggerName? name, string field = "trigger_name")
    {
        if (name is null)
        {
            throw Invalid($"{field} is required");
        }
        return new TriggerKey(Identifiers.Org(name.Org, $"{field}.org"), Identifiers.Name(name.Project, $"{field}.project"),
            Identifiers.Name(name.Domain, $"{field}.domain"), Identifiers.TaskName(name.TaskName, $"{field}.task_name"),
            Identifiers.TriggerName(name.Name, $"{field}.name"));
    }

    /// <summary>The org, project and domain of a project id.</summary>
    public static (string Org, string Project, string Domain) Project(ProjectIdentifier? id, string field = "project_id")
    {
        if (id is null)
        {
            throw Invalid($"{field} is required");
        }
        return (Identifiers.Org(id.Organization, $"{field}.organization"), Identifiers.Name(id.Name, $"{field}.name"), Identifiers.Name(id.Domain, $"{field}.domain"));
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
