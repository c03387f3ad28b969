using Flyte.Generation;
using Flyte.Remote;
using Grpc.Core;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// A run's outputs from a control plane that does not serve DataProxyService.GetActionData yet: the client asks
/// RunService.GetActionData, its older twin, and reads the same outputs; any other refusal of the data proxy is the
/// answer, not a reason to ask elsewhere.
/// </summary>
public sealed class ActionDataFallbackTests
{
    private static readonly Flyteidl2.Task.Outputs SquareOf7 = new() { Literals = { new Flyteidl2.Task.NamedLiteral { Name = "o0", Value = ScalarLiterals.FromInt64(49) } } };

    private static FlyteRemote Connect(OlderControlPlane server) => FlyteRemote.Connect(new RemoteOptions { Endpoint = server.Endpoint });

    [Fact]
    public async Task Without_a_data_proxy_the_outputs_come_from_RunService_GetActionData()
    {
        await using var server = await OlderControlPlane.StartAsync(SquareOf7, dataProxyAnswer: null);
        using var remote = Connect(server);

        var outputs = await remote.GetRun("r1").GetOutputsAsync();

        Assert.Equal(49, outputs.Literals["o0"].Scalar.Primitive.Integer);
        var asked = Assert.Single(server.Runs.ActionDataRequests);
        Assert.Equal("r1", asked.Run.Name);
        Assert.Equal("flytesnacks", asked.Run.Project);
        Assert.Equal("development", asked.Run.Domain);
        Assert.Equal("a0", asked.Name);
    }

    [Fact]
    public async Task A_data_proxy_answering_UNIMPLEMENTED_to_GetActionData_is_asked_once_then_RunService_answers()
    {
        await using var server = await OlderControlPlane.StartAsync(SquareOf7, new Status(StatusCode.Unimplemented, "GetActionData is not implemented"));
        using var remote = Connect(server);

        var outputs = await remote.GetRun("r1").GetOutputsAsync();

        Assert.Equal(49, outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(1, server.DataProxy!.Calls);
        Assert.Equal("a0", Assert.Single(server.Runs.ActionDataRequests).Name);
    }

    [Fact]
    public async Task A_data_proxy_refusing_for_another_reason_fails_without_asking_RunService()
    {
        await using var server = await OlderControlPlane.StartAsync(SquareOf7, new Status(StatusCode.PermissionDenied, "this client may not read run r1"));
        using var remote = Connect(server);

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => remote.GetRun("r1").GetOutputsAsync());

        Assert.Equal("this client may not read run r1", error.Message);
        Assert.Equal(1, server.DataProxy!.Calls);
        Assert.Empty(server.Runs.ActionDataRequests);
    }
}
