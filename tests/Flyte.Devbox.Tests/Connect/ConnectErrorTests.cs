using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>
/// Failed calls through Buf's Connect client: the code and message a gRPC client gets for the same call (the devbox's
/// ErrorBoundary and validation run for both), unimplemented methods, and deadlines, whether the client keeps the time
/// itself or only the devbox does.
/// </summary>
public sealed class ConnectErrorTests(ConnectDevboxFixture devbox) : IClassFixture<ConnectDevboxFixture>
{
    private static readonly RunIdentifier MissingRun = new() { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "no-such-run" };

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task A_missing_run_is_not_found_with_the_message_grpc_gives(string codec)
    {
        var request = new GetRunDetailsRequest { RunId = MissingRun };
        var grpc = await Assert.ThrowsAsync<RpcException>(() => devbox.Harness.Runs.GetRunDetailsAsync(request).ResponseAsync);

        var unary = await CallAsync(RunService.Descriptor, "GetRunDetails", codec, request);
        var stream = await CallAsync(RunService.Descriptor, "WatchRunDetails", codec, new WatchRunDetailsRequest { RunId = MissingRun });

        Assert.Equal(StatusCode.NotFound, grpc.StatusCode);
        Assert.Equal(grpc.Status.Detail, unary.AssertError("not_found"));
        Assert.Equal(grpc.Status.Detail, stream.AssertError("not_found"));
        Assert.Empty(stream.Messages);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task An_invalid_request_is_invalid_argument_with_the_message_grpc_gives(string codec)
    {
        var request = new ListTasksRequest();
        var grpc = await Assert.ThrowsAsync<RpcException>(() => devbox.Harness.Tasks.ListTasksAsync(request).ResponseAsync);
        var create = devbox.SquareRun(1);
        create.TaskId = null;
        var grpcCreate = await Assert.ThrowsAsync<RpcException>(() => devbox.Harness.Runs.CreateRunAsync(create).ResponseAsync);

        var listed = await CallAsync(TaskService.Descriptor, "ListTasks", codec, request);
        var created = await CallAsync(RunService.Descriptor, "CreateRun", codec, create);

        Assert.Equal(StatusCode.InvalidArgument, grpc.StatusCode);
        Assert.Equal(grpc.Status.Detail, listed.AssertError("invalid_argument"));
        Assert.Equal(grpcCreate.Status.Detail, created.AssertError(Flyte.Devbox.Connect.ConnectCodes.Name(grpcCreate.StatusCode)));
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task A_method_the_devbox_does_not_implement_is_unimplemented(string codec)
    {
        var unary = await CallAsync(ActionsService.Descriptor, "GetLatestState", codec, new GetLatestStateRequest());
        var stream = await CallAsync(RunService.Descriptor, "WatchGroups", codec, new WatchGroupsRequest());

        unary.AssertError("unimplemented");
        stream.AssertError("unimplemented");
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task A_stream_past_its_deadline_ends_deadline_exceeded(string codec)
    {
        var request = new WatchForUpdatesRequest { ParentActionId = new ActionIdentifier { Run = MissingRun, Name = "a0" } };

        // Connect-Timeout-Ms as the client sends it with a timeout: whichever of the two keeps time first ends the call.
        var kept = await CallAsync(ActionsService.Descriptor, "WatchForUpdates", codec, request, new ConnectCallOptions { TimeoutMs = 1000 });
        // Only the devbox keeps this one: the end of the stream is its answer.
        var told = await CallAsync(ActionsService.Descriptor, "WatchForUpdates", codec, request,
            new ConnectCallOptions { Headers = [("Connect-Timeout-Ms", "1000")] });

        kept.AssertError("deadline_exceeded");
        Assert.Equal("the call's deadline passed: it ran longer than its Connect-Timeout-Ms of 1000 ms", told.AssertError("deadline_exceeded"));
        Assert.True(Assert.Single(told.All<WatchForUpdatesResponse>()).ControlMessage.Sentinel, told.Printed);
    }

    [Fact]
    public async Task A_malformed_timeout_is_invalid_argument()
    {
        var outcome = await CallAsync(ProjectServiceDescriptor, "ListProjects", "json", new Flyteidl2.Project.ListProjectsRequest(),
            new ConnectCallOptions { Headers = [("Connect-Timeout-Ms", "soon")] });

        Assert.Equal("Connect-Timeout-Ms must be a number of milliseconds of at most 10 digits, not 'soon'", outcome.AssertError("invalid_argument"));
    }

    private static ServiceDescriptor ProjectServiceDescriptor => Flyteidl2.Project.ProjectService.Descriptor;

    private Task<ConnectOutcome> CallAsync(ServiceDescriptor service, string method, string codec, IMessage request, ConnectCallOptions? options = null) =>
        BufConnectClient.CallAsync(devbox.Endpoint, service.FindMethodByName(method), codec, request, options);
}
