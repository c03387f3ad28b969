using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Net.Client;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A well-formed child action, enqueued as a parent's controller would through either API it may use: only the state
/// of the run or of the parent can refuse it.
/// </summary>
internal static class ChildEnqueues
{
    public const string ActionsService = "ActionsService.Enqueue";
    public const string QueueService = "QueueService.EnqueueAction";

    public static TheoryData<string> Apis => [ActionsService, QueueService];

    public static Task EnqueueAsync(GrpcChannel channel, string api, RunIdentifier run, string name, string parent = "a0")
    {
        var id = new ActionIdentifier { Run = run, Name = name };
        var task = new TaskAction
        {
            Id = new Flyteidl2.Task.TaskIdentifier { Name = "slow.Nap", Version = "v1" },
            Spec = new Flyteidl2.Task.TaskSpec { TaskTemplate = new TaskTemplate { Container = new Container { Image = "localhost:5000/any:1" } } },
        };
        const string inputUri = "file:///unused/inputs.pb";
        const string outputBase = "file:///unused";
        return api switch
        {
            ActionsService => new Flyteidl2.Actions.ActionsService.ActionsServiceClient(channel).EnqueueAsync(new EnqueueRequest
            {
                Action = new Flyteidl2.Actions.Action { ActionId = id, ParentActionName = parent, InputUri = inputUri, RunOutputBase = outputBase, Task = task },
            }).ResponseAsync,
            QueueService => new Flyteidl2.Workflow.QueueService.QueueServiceClient(channel).EnqueueActionAsync(new EnqueueActionRequest
            {
                ActionId = id, ParentActionName = parent, InputUri = inputUri, RunOutputBase = outputBase, Task = task,
            }).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
        };
    }
}
