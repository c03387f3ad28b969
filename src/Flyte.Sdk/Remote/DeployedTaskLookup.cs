using Flyteidl2.Common;
using Flyteidl2.Task;
using Grpc.Core;

namespace Flyte.Remote;

/// <summary>
/// Finds a deployed task's details by name, as flyte-sdk's <c>remote.Task.get</c> does: at a given version
/// (<c>GetTaskDetails</c>), or at the newest one, which <c>ListTasks</c> filtered by name and sorted by
/// <c>created_at</c> descending answers (<c>auto_version="latest"</c>). The caller's <c>RpcException</c>s pass through.
/// </summary>
internal static class DeployedTaskLookup
{
    /// <summary>The task's details, or null when no such task (or version) is deployed.</summary>
    public static async Task<TaskDetails?> FindAsync(TaskService.TaskServiceClient tasks, TaskName name, string? version, Metadata? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(name);
        version ??= await NewestVersionAsync(tasks, name, headers, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }
        var id = new TaskIdentifier { Org = name.Org, Project = name.Project, Domain = name.Domain, Name = name.Name, Version = version };
        try
        {
            return (await tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = id }, headers, cancellationToken: cancellationToken).ConfigureAwait(false)).Details;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>"task ml.train is not deployed in p/d" or "… at version v …": what a failed <see cref="FindAsync"/> means.</summary>
    public static string NotDeployed(TaskName name, string? version) =>
        $"task {name.Name} is not deployed{(version is null ? "" : $" at version {version}")} in {name.Project}/{name.Domain}";

    /// <summary>The version of the task deployed most recently (first deployed), or null when none is.</summary>
    public static async Task<string?> NewestVersionAsync(TaskService.TaskServiceClient tasks, TaskName name, Metadata? headers, CancellationToken cancellationToken)
    {
        var request = new ListTasksRequest
        {
            ProjectId = new ProjectIdentifier { Organization = name.Org, Name = name.Project, Domain = name.Domain },
            Request = new ListRequest
            {
                Limit = 1,
                SortByFields = { new Sort { Key = "created_at", Direction = Sort.Types.Direction.Descending } },
                Filters = { new Filter { Function = Filter.Types.Function.Equal, Field = "name", Values = { name.Name } } },
            },
        };
        var response = await tasks.ListTasksAsync(request, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        // A control plane that ignores the filter answers with other tasks too: only the one asked for counts.
        return response.Tasks.FirstOrDefault(t => t.TaskId?.Name == name.Name)?.TaskId.Version;
    }
}
