using Grpc.Core;

namespace Flyte.Idl.Tests;

public class ServiceTests
{
    [Theory]
    [InlineData(typeof(Flyteidl2.Workflow.RunService.RunServiceClient), "flyteidl2.workflow.RunService")]
    [InlineData(typeof(Flyteidl2.Task.TaskService.TaskServiceClient), "flyteidl2.task.TaskService")]
    [InlineData(typeof(Flyteidl2.Dataproxy.DataProxyService.DataProxyServiceClient), "flyteidl2.dataproxy.DataProxyService")]
    [InlineData(typeof(Flyteidl2.Actions.ActionsService.ActionsServiceClient), "flyteidl2.actions.ActionsService")]
    public void Client_exists_for_service(Type clientType, string serviceName)
    {
        Assert.True(typeof(ClientBase).IsAssignableFrom(clientType));
        Type serviceClass = clientType.DeclaringType!;
        var descriptor = (Google.Protobuf.Reflection.ServiceDescriptor)serviceClass.GetProperty("Descriptor")!.GetValue(null)!;
        Assert.Equal(serviceName, descriptor.FullName);
    }

    [Fact]
    public void Run_service_has_the_calls_a_client_needs()
    {
        var methods = Flyteidl2.Workflow.RunService.Descriptor.Methods.Select(m => m.Name).ToHashSet();

        foreach (string name in new[] { "CreateRun", "GetRunDetails", "WatchRunDetails", "GetActionDetails", "ListActions", "WatchActions", "ListRuns", "AbortRun" })
        {
            Assert.Contains(name, methods);
        }
        Assert.True(Flyteidl2.Workflow.RunService.Descriptor.FindMethodByName("WatchRunDetails").IsServerStreaming);
    }

    [Fact]
    public void Actions_service_can_be_served()
    {
        // Server base classes are generated too: the devbox implements them.
        Assert.True(typeof(Flyteidl2.Actions.ActionsService.ActionsServiceBase).IsAbstract);
        var enqueue = Flyteidl2.Actions.ActionsService.Descriptor.FindMethodByName("Enqueue");
        Assert.Equal("flyteidl2.actions.EnqueueRequest", enqueue.InputType.FullName);
    }
}
