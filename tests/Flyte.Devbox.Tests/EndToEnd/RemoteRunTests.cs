using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>Samples deployed to a devbox and run there, through real gRPC, a0 processes and SQLite.</summary>
public sealed class RemoteRunTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static LiteralMap Inputs(string name, Literal value) => new() { Literals = { [name] = value } };

    [Fact]
    public async Task Quickstart_runs_remotely_and_fans_out_through_ActionsService()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square", "quickstart.MeanOfSquares");

        var square = await _harness.StartRunAsync(tasks["quickstart.Square"], Inputs("x", ScalarLiterals.FromInt64(7)));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(square)).Action.Status.Phase);
        Assert.Equal(49, (await _harness.OutputsAsync(square)).Literals["o0"].Scalar.Primitive.Integer);
        // a0 unpacked the bundle once into the devbox's cache (docs/bundles.md): the sample's own files, none of the
        // SDK's, which the a0 running it provides.
        string unpacked = Assert.Single(Directory.GetDirectories(Path.Combine(_harness.DataDirectory, "unpacked-bundles")));
        Assert.Equal(tasks["quickstart.Square"].Version, Path.GetFileName(unpacked));
        Assert.True(File.Exists(Path.Combine(unpacked, "Quickstart.dll")));
        Assert.False(File.Exists(Path.Combine(unpacked, "Flyte.Sdk.dll")));
        Assert.False(File.Exists(Path.Combine(unpacked, "Google.Protobuf.dll")));

        var inputs = Inputs("n", ScalarLiterals.FromInt64(5));
        var mean = await _harness.StartRunAsync(tasks["quickstart.MeanOfSquares"], inputs);
        var details = await _harness.WaitAsync(mean);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        // (0 + 1 + 4 + 9 + 16) / 5
        Assert.Equal(6.0, (await _harness.OutputsAsync(mean)).Literals["o0"].Scalar.Primitive.FloatValue);
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = mean })).Actions;
        Assert.Equal(6, actions.Count);
        Assert.All(actions.Where(a => a.Id.Name != "a0"), child =>
        {
            Assert.Equal("a0", child.Metadata.Parent);
            Assert.Equal("quickstart.Square", child.Metadata.Task.Id.Name);
            Assert.Equal(ActionPhase.Succeeded, child.Status.Phase);
        });
    }

    [Fact]
    public async Task DataPipeline_runs_remotely_with_a_retried_child()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DataPipeline, "DataPipeline",
            "data-pipeline.Run", "data-pipeline.Fetch", "data-pipeline.Summarize", "data-pipeline.Report");
        var inputs = Inputs("count", ScalarLiterals.FromInt64(4));

        var run = await _harness.StartRunAsync(tasks["data-pipeline.Run"], inputs);
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        // Readings 0..3 are attic 10, cellar 17, garden 11, attic 18 (10 + i * 7 % 13 degrees, sensors in turn).
        Assert.Equal("attic: 2 readings, mean 14, max 18; cellar: 1 readings, mean 17, max 17; garden: 1 readings, mean 11, max 11",
            (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.StringValue);
        var fetch = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.Single(a => a.Metadata.Task.Id.Name == "data-pipeline.Fetch");
        Assert.Equal(2u, fetch.Status.Attempts);
    }

    [Fact]
    public async Task Bad_requests_get_clear_errors_and_change_nothing()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var square = tasks["quickstart.Square"];

        var cube = square.Clone();
        cube.Name = "quickstart.Cube";
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _harness.StartRunAsync(cube, Inputs("x", ScalarLiterals.FromInt64(1))));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("quickstart.Cube", unknown.Status.Detail);

        var wrongType = await Assert.ThrowsAsync<RpcException>(() => _harness.StartRunAsync(square, Inputs("x", ScalarLiterals.FromString("seven"))));
        Assert.Equal(StatusCode.InvalidArgument, wrongType.StatusCode);
        Assert.Equal("input 'x' of quickstart.Square must be an integer", wrongType.Status.Detail);

        var run = await _harness.StartRunAsync(square, Inputs("x", ScalarLiterals.FromInt64(2)), runName: "clash");
        var clash = await Assert.ThrowsAsync<RpcException>(() => _harness.StartRunAsync(square, Inputs("x", ScalarLiterals.FromInt64(3)), runName: "clash"));
        Assert.Equal(StatusCode.AlreadyExists, clash.StatusCode);
        await _harness.WaitAsync(run);
        Assert.Equal(4, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);

        var details = await _harness.Tasks.GetTaskDetailsAsync(new Flyteidl2.Task.GetTaskDetailsRequest { TaskId = square });
        var changed = details.Details.Spec.Clone();
        changed.TaskTemplate.Metadata.Retries.Retries = 9;
        var conflict = await Assert.ThrowsAsync<RpcException>(() => _harness.Tasks.DeployTaskAsync(new Flyteidl2.Task.DeployTaskRequest { TaskId = square, Spec = changed }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
        Assert.Equal(details.Details.Spec, (await _harness.Tasks.GetTaskDetailsAsync(new Flyteidl2.Task.GetTaskDetailsRequest { TaskId = square })).Details.Spec);
    }

    [Fact]
    public async Task Inputs_uploaded_ahead_run_a_spec_sent_by_value()
    {
        var bundle = await Flyte.Bundles.CodeBundle.CreateFileAsync(SampleOutputs.Quickstart, Path.Combine(_harness.DataDirectory, "store", "bundles"));
        var spec = DevboxHarness.Spec(SampleTasks.Get(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"), bundle);
        var dataProxy = new Flyteidl2.Dataproxy.DataProxyService.DataProxyServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress(_harness.Devbox.Endpoint));
        var project = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

        var uploaded = await dataProxy.UploadInputsAsync(new Flyteidl2.Dataproxy.UploadInputsRequest
        {
            ProjectId = project,
            TaskSpec = spec,
            Inputs = Flyte.Local.RunLayout.ToInputs(Inputs("x", ScalarLiterals.FromInt64(12))),
        });
        var created = await _harness.Runs.CreateRunAsync(new CreateRunRequest { ProjectId = project, TaskSpec = spec, OffloadedInputData = uploaded.OffloadedInputData });
        var details = await _harness.WaitAsync(created.Run.Action.Id.Run);

        Assert.False(string.IsNullOrEmpty(uploaded.OffloadedInputData.InputsHash));
        Assert.Equal(ActionPhase.Succeeded, details.Action.Status.Phase);
        Assert.Equal(144, (await _harness.OutputsAsync(created.Run.Action.Id.Run)).Literals["o0"].Scalar.Primitive.Integer);
    }
}
