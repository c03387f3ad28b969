using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Task = System.Threading.Tasks.Task;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A request body that is not the method's protobuf message, sent over real gRPC: the call fails INVALID_ARGUMENT naming
/// the message type, as Flyte's backend answers (connect-go's "unmarshal into …"), nothing is stored, and the devbox serves on.
/// </summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    /// <summary>Field 1, length-delimited, claiming 127 bytes of which only 3 follow: no protobuf parser accepts it.</summary>
    private static readonly byte[] Garbage = [0x0A, 0x7F, 0x01, 0x02, 0x03];

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly ProjectIdentifier Project = new() { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    private DevboxHarness _harness = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task A_malformed_DeployTask_fails_INVALID_ARGUMENT_naming_the_message_and_registers_nothing()
    {
        var deployed = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var before = await ListTaskNamesAsync();

        var error = await SendGarbageAsync(TaskService.Descriptor.FullName, "DeployTask");

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"the request body could not be parsed as {DeployTaskRequest.Descriptor.FullName}: ", error.Status.Detail);
        Assert.Equal(before, await ListTaskNamesAsync());
        Assert.Equal(["quickstart.Square"], before);

        await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.MeanOfSquares");
        Assert.Equal(["quickstart.MeanOfSquares", "quickstart.Square"], await ListTaskNamesAsync());
        Assert.Equal(deployed["quickstart.Square"].Version, (await _harness.Tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = deployed["quickstart.Square"] })).Details.TaskId.Version);
    }

    [Fact]
    public async Task A_malformed_CreateRun_fails_INVALID_ARGUMENT_naming_the_message_and_starts_no_run()
    {
        var square = (await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"))["quickstart.Square"];
        var first = await _harness.StartRunAsync(square, Inputs(3));
        var before = await ListRunNamesAsync();

        var error = await SendGarbageAsync(RunService.Descriptor.FullName, "CreateRun");

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"the request body could not be parsed as {CreateRunRequest.Descriptor.FullName}: ", error.Status.Detail);
        Assert.Equal(before, await ListRunNamesAsync());
        Assert.Equal([first.Name], before);

        var second = await _harness.StartRunAsync(square, Inputs(4));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(first)).Action.Status.Phase);
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(second)).Action.Status.Phase);
        Assert.Equal(16, (await _harness.OutputsAsync(second)).Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(new[] { first.Name, second.Name }.Order(), await ListRunNamesAsync());
    }

    [Fact]
    public async Task A_malformed_streaming_request_over_grpc_web_fails_the_same_way()
    {
        using var grpcWeb = GrpcChannel.ForAddress(_harness.Devbox.Endpoint, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var raw = new Method<byte[], byte[]>(MethodType.ServerStreaming, RunService.Descriptor.FullName, "WatchRunDetails", RawBytes, RawBytes);

        using var call = grpcWeb.CreateCallInvoker().AsyncServerStreamingCall(raw, host: null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), Garbage);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"the request body could not be parsed as {WatchRunDetailsRequest.Descriptor.FullName}: ", error.Status.Detail);
        Assert.Empty(await ListRunNamesAsync());
    }

    [Fact]
    public async Task A_message_nested_past_the_parsers_depth_limit_is_INVALID_ARGUMENT_too()
    {
        // Google.Protobuf refuses more than 100 levels of nesting; 150 collections in one another are well past it.
        var literal = ScalarLiterals.FromInt64(1);
        for (int i = 0; i < 150; i++)
        {
            literal = new Literal { Collection = new LiteralCollection { Literals = { literal } } };
        }
        var request = new CreateRunRequest
        {
            ProjectId = Project,
            Inputs = new Inputs { Literals = { new NamedLiteral { Name = "x", Value = literal } } },
        };

        var error = await SendAsync(RunService.Descriptor.FullName, "CreateRun", Google.Protobuf.MessageExtensions.ToByteArray(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"the request body could not be parsed as {CreateRunRequest.Descriptor.FullName}: ", error.Status.Detail);
        Assert.Contains("nesting", error.Status.Detail);
        Assert.Empty(await ListRunNamesAsync());
    }

    private static LiteralMap Inputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

    /// <summary>Calls <paramref name="service"/>/<paramref name="method"/> with <see cref="Garbage"/> as the framed request message.</summary>
    private Task<RpcException> SendGarbageAsync(string service, string method) => SendAsync(service, method, Garbage);

    private async Task<RpcException> SendAsync(string service, string method, byte[] body)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, service, method, RawBytes, RawBytes);
        using var call = _channel.CreateCallInvoker().AsyncUnaryCall(raw, host: null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), body);
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
    }

    private async Task<string[]> ListTaskNamesAsync() =>
        (await _harness.Tasks.ListTasksAsync(new ListTasksRequest { ProjectId = Project })).Tasks.Select(t => t.TaskId.Name).Order().ToArray();

    private async Task<string[]> ListRunNamesAsync() =>
        (await _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = Project, Request = new ListRequest { Limit = 100 } })).Runs.Select(r => r.Action.Id.Run.Name).Order().ToArray();
}
