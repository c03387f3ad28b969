using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Trigger;
using Grpc.Core;

namespace Flyte.Remote;

/// <summary>
/// Whether a task's triggers are deployed exactly as declared, so that a deploy of an unchanged build sends nothing: the
/// same names (no more, no fewer), and for each the same schedule, inputs, run settings and description, on the version
/// being deployed. Whether a trigger is active is left out: a trigger someone deactivated stays so until its declaration
/// changes (docs/triggers.md).
/// </summary>
internal static class DeployedTriggers
{
    public static async Task<bool> MatchAsync(FlyteRemote remote, TaskIdentifier task, IReadOnlyList<TaskTrigger> declared, CancellationToken cancellationToken)
    {
        var deployedNames = await NamesAsync(remote, task, cancellationToken).ConfigureAwait(false);
        if (!deployedNames.SetEquals(declared.Select(t => t.Name)))
        {
            return false;
        }
        foreach (var trigger in declared)
        {
            var name = new TriggerName { Org = task.Org, Project = task.Project, Domain = task.Domain, TaskName = task.Name, Name = trigger.Name };
            TriggerDetails deployed;
            try
            {
                deployed = (await remote.Triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = name }, cancellationToken: cancellationToken)
                    .ConfigureAwait(false)).Trigger;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
            catch (RpcException e)
            {
                throw remote.Translate(e);
            }
            if (!Same(trigger, deployed, task.Version))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Same(TaskTrigger declared, TriggerDetails deployed, string version) =>
        deployed.Spec is { } spec
        && spec.TaskVersion == version
        && spec.Description == declared.Spec.Description
        && (spec.Inputs ?? new Inputs()).Equals(declared.Spec.Inputs ?? new Inputs())
        && (spec.RunSpec ?? new RunSpec()).Equals(declared.Spec.RunSpec ?? new RunSpec())
        && Equals(deployed.AutomationSpec, declared.AutomationSpec);

    private static async Task<HashSet<string>> NamesAsync(FlyteRemote remote, TaskIdentifier task, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string token = "";
        do
        {
            var request = new ListTriggersRequest
            {
                Request = new ListRequest { Limit = 100, Token = token },
                TaskName = new TaskName { Org = task.Org, Project = task.Project, Domain = task.Domain, Name = task.Name },
            };
            var page = await remote.CallAsync(async () => await remote.Triggers.ListTriggersAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
            names.UnionWith(page.Triggers.Select(t => t.Id.Name.Name));
            token = page.Token;
        }
        while (token.Length > 0);
        return names;
    }
}
