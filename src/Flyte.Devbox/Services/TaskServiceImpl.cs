using Flyte.Devbox.State;
using Flyte.Devbox.Triggers;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// TaskService: deployed task versions. A version is immutable: deploying it again with the same spec succeeds and
/// changes nothing; with a different spec it is refused (ALREADY_EXISTS), so a run by reference always gets what was
/// deployed.
/// </summary>
/// <remarks>
/// A deploy with triggers stores them with the version (docs/triggers.md): each bound to the deployed version, and the
/// task's other triggers soft-deleted, in one transaction; a bad trigger is refused and nothing is stored.
/// </remarks>
public sealed class TaskServiceImpl(DevboxDatabase database, ImageCheck images, TimeProvider clock, TriggerScheduler scheduler)
    : TaskService.TaskServiceBase
{
    public override Task<DeployTaskResponse> DeployTask(DeployTaskRequest request, ServerCallContext context)
    {
        var key = Keys.Task(request.TaskId);
        var spec = request.Spec ?? throw Invalid("spec is required");
        if (spec.TaskTemplate is not { Container: not null } template)
        {
            throw Invalid("spec.task_template with a container is required");
        }
        if (template.Id is { Name.Length: > 0 } id && (id.Name != key.Name || id.Version != key.Version))
        {
            throw Invalid($"spec.task_template.id ({id.Name} {id.Version}) does not match task_id ({key.Name} {key.Version})");
        }
        images.Require(spec, key.Name, "spec");
        byte[] bytes = spec.ToByteArray();
        var triggers = new List<TriggerRecord>();
        foreach (var trigger in request.Triggers)
        {
            var record = TriggerDefinitions.FromTaskTrigger(trigger, key, spec);
            if (triggers.Any(t => t.Key.Name == record.Key.Name))
            {
                throw Invalid($"trigger \"{record.Key.Name}\" is given twice");
            }
            triggers.Add(record);
        }
        var outcome = database.DeployTask(TaskRecord.Create(key, bytes, DateTimeOffset.UtcNow), triggers, clock.GetUtcNow());
        if (outcome == DeployOutcome.Conflict)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"task {key.Name} version {key.Version} is already deployed with a different spec; deploy the change as a new version"));
        }
        if (triggers.Count > 0)
        {
            scheduler.Refresh();
        }
        return Task.FromResult(new DeployTaskResponse());
    }

    public override Task<GetTaskDetailsResponse> GetTaskDetails(GetTaskDetailsRequest request, ServerCallContext context)
    {
        var key = Keys.Task(request.TaskId);
        var task = database.GetTask(key) ?? throw new RpcException(new Status(StatusCode.NotFound, $"task {key.Name} version {key.Version} is not deployed in {key.Project}/{key.Domain}"));
        var spec = TaskSpec.Parser.ParseFrom(task.Spec);
        return Task.FromResult(new GetTaskDetailsResponse
        {
            Details = new TaskDetails { TaskId = ToIdentifier(task.Key), Metadata = Metadata(task, spec), Spec = spec },
        });
    }

    public override Task<ListTasksResponse> ListTasks(ListTasksRequest request, ServerCallContext context)
    {
        var (org, project, domain) = Keys.Project(request.ProjectId);
        var response = new ListTasksResponse();
        foreach (var task in database.ListTasks(org, project, domain))
        {
            response.Tasks.Add(new Flyteidl2.Task.Task { TaskId = ToIdentifier(task.Key), Metadata = Metadata(task, TaskSpec.Parser.ParseFrom(task.Spec)) });
        }
        return Task.FromResult(response);
    }

    public override Task<ListVersionsResponse> ListVersions(ListVersionsRequest request, ServerCallContext context)
    {
        var name = request.TaskName ?? throw Invalid("task_name is required");
        var key = new TaskKey(Identifiers.Org(name.Org, "task_name.org"), Identifiers.Name(name.Project, "task_name.project"),
            Identifiers.Name(name.Domain, "task_name.domain"), Identifiers.TaskName(name.Name, "task_name.name"), "");
        var response = new ListVersionsResponse();
        foreach (var task in database.ListVersions(key))
        {
            response.Versions.Add(new ListVersionsResponse.Types.VersionResponse { Version = task.Key.Version, DeployedAt = Timestamp.FromDateTimeOffset(task.CreatedAt) });
        }
        return Task.FromResult(response);
    }

    public static TaskIdentifier ToIdentifier(TaskKey key) => new()
    {
        Org = key.Org,
        Project = key.Project,
        Domain = key.Domain,
        Name = key.Name,
        Version = key.Version,
    };

    private static TaskMetadata Metadata(TaskRecord task, TaskSpec spec) => new()
    {
        ShortName = spec.ShortName,
        EnvironmentName = spec.Environment?.Name ?? "",
        DeployedAt = Timestamp.FromDateTimeOffset(task.CreatedAt),
        ShortDescription = spec.Documentation?.ShortDescription ?? "",
    };

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
