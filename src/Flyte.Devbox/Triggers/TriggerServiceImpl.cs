using System.Globalization;
using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Trigger;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Triggers;

/// <summary>
/// TriggerService (docs/triggers.md): triggers deployed one by one (with an optimistic lock on the revision), read,
/// listed, activated or deactivated, and soft-deleted. The revision RPCs (GetTriggerRevisionDetails,
/// GetTriggerRevisionHistory) answer UNIMPLEMENTED: the devbox keeps no revision history.
/// </summary>
public sealed class TriggerServiceImpl(DevboxDatabase database, TimeProvider clock, TriggerScheduler scheduler)
    : TriggerService.TriggerServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaximumPageSize = 1000;

    public override Task<DeployTriggerResponse> DeployTrigger(DeployTriggerRequest request, ServerCallContext context)
    {
        var key = Keys.Trigger(request.Name, "name");
        var spec = request.Spec ?? throw Invalid("spec is required");
        string version = Identifiers.Version(spec.TaskVersion, "spec.task_version");
        var task = database.GetTask(new TaskKey(key.Org, key.Project, key.Domain, key.TaskName, version))
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"task {key.TaskName} version {version} is not deployed in {key.Project}/{key.Domain}"));
        var record = TriggerDefinitions.FromTriggerSpec(key, spec, request.AutomationSpec, TaskSpec.Parser.ParseFrom(task.Spec));
        var stored = database.UpsertTrigger(record, (long)request.Revision, clock.GetUtcNow());
        if (stored is null)
        {
            long? latest = database.GetTrigger(key)?.Revision;
            throw new RpcException(new Status(StatusCode.Aborted,
                $"trigger \"{key.Name}\" is at revision {(latest is { } at ? at.ToString(CultureInfo.InvariantCulture) : "none (not deployed)")}, not {request.Revision}: read it again and deploy against its latest revision (optimistic lock)"));
        }
        scheduler.Refresh();
        return Task.FromResult(new DeployTriggerResponse { Trigger = Details(stored) });
    }

    public override Task<GetTriggerDetailsResponse> GetTriggerDetails(GetTriggerDetailsRequest request, ServerCallContext context)
    {
        var key = Keys.Trigger(request.Name, "name");
        var trigger = database.GetTrigger(key) ?? throw NotFound(key);
        return Task.FromResult(new GetTriggerDetailsResponse { Trigger = Details(trigger) });
    }

    public override Task<ListTriggersResponse> ListTriggers(ListTriggersRequest request, ServerCallContext context)
    {
        string? org, project = null, domain = null, taskName = null, version = null;
        switch (request.ScopeByCase)
        {
            case ListTriggersRequest.ScopeByOneofCase.Org:
                org = Identifiers.Org(request.Org, "org");
                break;
            case ListTriggersRequest.ScopeByOneofCase.ProjectId:
                (org, project, domain) = Keys.Project(request.ProjectId);
                break;
            case ListTriggersRequest.ScopeByOneofCase.TaskName:
                var name = request.TaskName;
                org = Identifiers.Org(name.Org, "task_name.org");
                project = Identifiers.Name(name.Project, "task_name.project");
                domain = Identifiers.Name(name.Domain, "task_name.domain");
                taskName = Identifiers.TaskName(name.Name, "task_name.name");
                break;
            case ListTriggersRequest.ScopeByOneofCase.TaskId:
                var task = Keys.Task(request.TaskId);
                (org, project, domain, taskName, version) = (task.Org, task.Project, task.Domain, task.Name, task.Version);
                break;
            default:
                throw Invalid("one of org, project_id, task_name or task_id is required");
        }
        int limit = request.Request?.Limit is > 0 and var given ? (int)Math.Min(given, MaximumPageSize) : DefaultPageSize;
        int offset = 0;
        if (request.Request?.Token is { Length: > 0 } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw Invalid($"request.token {Shown.Value(token)} is not a token ListTriggers returned: pass the token of the previous page as it was returned");
        }
        var page = database.ListTriggers(org, project, domain, taskName, version, limit, offset);
        var response = new ListTriggersResponse();
        foreach (var trigger in page)
        {
            response.Triggers.Add(new Flyteidl2.Trigger.Trigger
            {
                Id = Identifier(trigger),
                Status = Status(trigger),
                Active = trigger.Active,
                AutomationSpec = TriggerAutomationSpec.Parser.ParseFrom(trigger.AutomationSpec),
            });
        }
        // As upstream: a token (the next offset) only when the page came back full.
        response.Token = page.Count == limit ? (offset + limit).ToString(CultureInfo.InvariantCulture) : "";
        return Task.FromResult(response);
    }

    public override Task<UpdateTriggersResponse> UpdateTriggers(UpdateTriggersRequest request, ServerCallContext context)
    {
        var keys = KeysOf(request.Names);
        database.SetTriggersActive(keys, request.Active, clock.GetUtcNow());
        scheduler.Refresh();
        return Task.FromResult(new UpdateTriggersResponse());
    }

    public override Task<DeleteTriggersResponse> DeleteTriggers(DeleteTriggersRequest request, ServerCallContext context)
    {
        var keys = KeysOf(request.Names);
        database.DeleteTriggers(keys, clock.GetUtcNow());
        scheduler.Refresh();
        return Task.FromResult(new DeleteTriggersResponse());
    }

    private static List<TriggerKey> KeysOf(IList<TriggerName> names)
    {
        if (names.Count == 0)
        {
            throw Invalid("names needs at least one trigger name");
        }
        return names.Select((name, i) => Keys.Trigger(name, $"names[{i}]")).ToList();
    }

    private static TriggerDetails Details(TriggerRecord trigger)
    {
        var spec = TriggerSpec.Parser.ParseFrom(trigger.Spec);
        spec.Active = trigger.Active;
        spec.TaskVersion = trigger.TaskVersion;
        spec.Description = trigger.Description;
        return new TriggerDetails
        {
            Id = Identifier(trigger),
            Spec = spec,
            Status = Status(trigger),
            AutomationSpec = TriggerAutomationSpec.Parser.ParseFrom(trigger.AutomationSpec),
        };
    }

    private static TriggerIdentifier Identifier(TriggerRecord trigger) => new()
    {
        Name = new TriggerName
        {
            Org = trigger.Key.Org,
            Project = trigger.Key.Project,
            Domain = trigger.Key.Domain,
            TaskName = trigger.Key.TaskName,
            Name = trigger.Key.Name,
        },
        Revision = (ulong)trigger.Revision,
    };

    private static TriggerStatus Status(TriggerRecord trigger)
    {
        var status = new TriggerStatus { DeployedAt = Timestamp.FromDateTimeOffset(trigger.DeployedAt), UpdatedAt = Timestamp.FromDateTimeOffset(trigger.UpdatedAt) };
        if (trigger.TriggeredAt is { } triggered)
        {
            status.TriggeredAt = Timestamp.FromDateTimeOffset(triggered);
        }
        if (trigger.DeletedAt is { } deleted)
        {
            status.DeletedAt = Timestamp.FromDateTimeOffset(deleted);
        }
        return status;
    }

    private static RpcException NotFound(TriggerKey key) =>
        new(new Status(StatusCode.NotFound, $"trigger \"{key.Name}\" of task {key.TaskName} not found in {key.Project}/{key.Domain}"));

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
