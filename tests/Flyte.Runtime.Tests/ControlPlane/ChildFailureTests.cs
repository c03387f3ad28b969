using Flyte.Local;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using static Flyte.Runtime.Tests.ControlPlane.ControllerTestBed;
using ActionPhase = Flyteidl2.Common.ActionPhase;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// How a parent learns why a child did not succeed: the error in the control plane's update first, else the error.pb
/// the child wrote under the attempt prefix the update names (Flyte's backend sends that prefix for every end, see
/// actions/k8s/client.go BuildOutputUri), else the phase alone.
/// </summary>
public sealed class ChildFailureTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("a0-child-failure-").FullName;
    private readonly ControllerTestBed _bed;

    public ChildFailureTests() => _bed = new ControllerTestBed(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<TaskFailedException> RunFailingChildAsync(Func<Flyteidl2.Actions.Action, Task<ActionUpdate>> end)
    {
        var service = new FakeActionsService((action, _) => end(action));
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        await using var controller = _bed.Controller(connection);
        return await FailureOfAsync<TaskFailedException>(controller.RunChildAsync(Square, SquareInputs(3), CancellationToken.None), "the failing child call");
    }

    [Fact]
    public async Task A_failure_without_error_details_is_read_from_the_childs_error_pb()
    {
        var error = await RunFailingChildAsync(async action =>
        {
            await _bed.WriteErrorDocumentAsync(action, "ValueError", "x must be even\n  at Square(Int32 x)");
            return new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Failed, OutputUri = _bed.OutputPrefixOf(action) };
        });

        Assert.Equal("ValueError", error.ErrorCode);
        Assert.Equal(Local.ActionPhase.Failed, error.Phase);
        Assert.Equal(SquareChildCalls.Names[3], error.ActionName);
        Assert.Equal($"task quickstart.Square (action {SquareChildCalls.Names[3]}) failed: ValueError: x must be even\n  at Square(Int32 x)", error.Message);
        Assert.Equal(["ValueError: x must be even"], error.AttemptErrors);
    }

    [Fact]
    public async Task The_control_planes_error_comes_before_the_error_pb()
    {
        var error = await RunFailingChildAsync(async action =>
        {
            await _bed.WriteErrorDocumentAsync(action, "FromTheFile", "not this one");
            return new ActionUpdate
            {
                ActionId = action.ActionId,
                Phase = ActionPhase.Failed,
                OutputUri = _bed.OutputPrefixOf(action),
                Error = new ExecutionError { Code = "OOMKilled", Message = "the pod ran out of memory", Kind = ExecutionError.Types.ErrorKind.System },
            };
        });

        Assert.Equal("OOMKilled", error.ErrorCode);
        Assert.Equal($"task quickstart.Square (action {SquareChildCalls.Names[3]}) failed: OOMKilled: the pod ran out of memory", error.Message);
    }

    [Theory]
    [InlineData(ActionPhase.Failed, Local.ActionPhase.Failed, "failed: Failed")]
    [InlineData(ActionPhase.Aborted, Local.ActionPhase.Aborted, "was aborted: Aborted")]
    [InlineData(ActionPhase.TimedOut, Local.ActionPhase.TimedOut, "timed out: TimedOut")]
    public async Task Without_error_details_or_an_error_pb_the_phase_alone_is_the_failure(ActionPhase phase, Local.ActionPhase expectedPhase, string expectedEnd)
    {
        var error = await RunFailingChildAsync(action =>
            Task.FromResult(new ActionUpdate { ActionId = action.ActionId, Phase = phase, OutputUri = _bed.OutputPrefixOf(action) }));

        Assert.Equal(expectedPhase, error.Phase);
        Assert.Equal(phase.ToString(), error.ErrorCode);
        Assert.Equal($"task quickstart.Square (action {SquareChildCalls.Names[3]}) {expectedEnd}: the control plane gave no error details", error.Message);
    }

    [Fact]
    public async Task Without_an_output_location_the_phase_alone_is_the_failure()
    {
        var error = await RunFailingChildAsync(action =>
            Task.FromResult(new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Failed }));

        Assert.Equal("Failed", error.ErrorCode);
        Assert.EndsWith("failed: Failed: the control plane gave no error details", error.Message);
    }

    [Fact]
    public async Task An_error_pb_that_does_not_parse_leaves_the_phase_alone_as_the_failure()
    {
        var error = await RunFailingChildAsync(async action =>
        {
            string prefix = _bed.OutputPrefixOf(action);
            Directory.CreateDirectory(prefix);
            // A truncated length-delimited field: not an ErrorDocument.
            await File.WriteAllBytesAsync(Path.Combine(prefix, "error.pb"), [0x0a, 0x7f, 0x01]);
            return new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Failed, OutputUri = prefix };
        });

        Assert.Equal("Failed", error.ErrorCode);
        Assert.EndsWith("failed: Failed: the control plane gave no error details", error.Message);
    }
}
