using Flyte.Generation;
using Flyte.Hashing;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Inputs = Flyteidl2.Task.Inputs;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// samples/Training on the devbox: its secret, its group, its traces and its report. The group goes through a0's Enqueue, and what goes over
/// the wire is what flyte-sdk sends for <c>with flyte.group("folds")</c>: the group in <c>actions.Action.group</c>
/// (flyteidl2/actions/actions_service.proto, sent by src/flyte/_internal/controllers/remote/_core.py) and at the end
/// of the hashed action name (<c>ActionID.new_sub_action_from</c> in src/flyte/models.py), each group counting its
/// calls from 1. Each fold's trace is a finished TraceAction under the fold, named as flyte-sdk's get_action_outputs
/// names it (src/flyte/_internal/controllers/remote/_controller.py): the fold as parent, the trace's
/// <c>name-codeVersion</c> as identity.
/// </summary>
public sealed class GroupAndReportTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Training_reads_its_secret_sends_its_folds_in_one_group_records_their_traces_and_leaves_a_report()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Training, "Training", "training.CrossValidate", "training.LoadPoints", "training.TrainFold");
        await Flyte.Devbox.Tests.Secrets.SecretInjection.CreateAsync(_harness, "data-token", "t0ken", DevboxHarness.Project, DevboxHarness.Domain);

        var run = await _harness.StartRunAsync(tasks["training.CrossValidate"],
            new LiteralMap { Literals = { ["folds"] = ScalarLiterals.FromInt64(3) } });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
        var load = actions.Single(a => a.Metadata.Task?.Id?.Name == "training.LoadPoints");
        Assert.Equal("", load.Metadata.Group);
        var folds = actions.Where(a => a.Metadata.Task?.Id?.Name == "training.TrainFold").ToList();
        Assert.Equal(3, folds.Count);
        var trainFold = SampleTasks.Get(SampleOutputs.Training, "Training", "training.TrainFold");
        string identity = TaskIdentity.Compute(trainFold.Name, trainFold.InterfaceHash, trainFold.Policy.CacheVersion);
        foreach (var fold in folds)
        {
            Assert.Equal("folds", fold.Metadata.Group);
            Assert.Equal("a0", fold.Metadata.Parent);
            string inputsHash = InputsHash.Compute(await InputsOf(fold.Id));
            // Each fold's inputs differ, so each is the first call with its inputs in the group.
            Assert.Equal(ChildActionName.Compute("a0", inputsHash, identity, 1, "folds"), fold.Id.Name);
        }
        var spec = await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = folds[0].Id });
        Assert.Equal("folds", spec.Details.Metadata.Group);

        // One FitSlope trace per fold, recorded by the fold's a0 under the fold, in no group (a task's own calls are in none).
        var fitSlope = SampleTraces.Get(SampleOutputs.Training, "Training", "training.TrainFold", "Samples.Training.FitSlope");
        var traces = actions.Where(a => a.Metadata.ActionType == ActionType.Trace).ToList();
        Assert.Equal(3, traces.Count);
        foreach (var fold in folds)
        {
            var trace = Assert.Single(traces, t => t.Metadata.Parent == fold.Id.Name);
            Assert.Equal("FitSlope", trace.Metadata.Trace.Name);
            Assert.Equal("", trace.Metadata.Group);
            Assert.Equal(ActionPhase.Succeeded, trace.Status.Phase);
            string inputsHash = InputsHash.Compute(await InputsOf(trace.Id));
            Assert.Equal(ChildActionName.Compute(fold.Id.Name, inputsHash, fitSlope.Identity, 1), trace.Id.Name);
            var data = await _harness.Runs.GetActionDataURIsAsync(new GetActionDataURIsRequest { ActionId = trace.Id });
            var slope = await _harness.Devbox.Storage.ReadAsync(data.OutputsUri, Flyteidl2.Task.Outputs.Parser, CancellationToken.None);
            Assert.InRange(Assert.Single(slope.Literals).Value.Scalar.Primitive.FloatValue, 1.9, 2.1);
        }

        // The workflow's report, written by a0 beside its outputs and fetched as flyte-sdk's Action.get_report does
        // (CreateDownloadLink with ARTIFACT_TYPE_REPORT, then a GET); a fold wrote none.
        using var remote = Flyte.Remote.FlyteRemote.Connect(new Flyte.Remote.RemoteOptions
        {
            Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain,
        });
        var remoteRun = remote.GetRun(run.Name);
        string? report = await remoteRun.GetReportAsync("a0", 0);
        Assert.NotNull(report);
        Assert.Contains("<title>a0 training.CrossValidate</title>", report);
        Assert.Contains("<th>fold</th><th>mean squared error</th>", report);
        Assert.Contains("<title>Error by fold</title>", report);
        Assert.Null(await remoteRun.GetReportAsync(folds[0].Id.Name, 0));
    }

    private async Task<Inputs> InputsOf(ActionIdentifier action)
    {
        var uris = await _harness.Runs.GetActionDataURIsAsync(new GetActionDataURIsRequest { ActionId = action });
        return await _harness.Devbox.Storage.ReadAsync(uris.InputsUri, Inputs.Parser, CancellationToken.None);
    }
}
