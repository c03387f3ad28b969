using Flyte.Generation;
using Flyte.Hashing;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Inputs = Flyteidl2.Task.Inputs;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// samples/Training on the devbox: its group and its report. The group goes through a0's Enqueue, and what goes over
/// the wire is what flyte-sdk sends for <c>with flyte.group("folds")</c>: the group in <c>actions.Action.group</c>
/// (flyteidl2/actions/actions_service.proto, sent by src/flyte/_internal/controllers/remote/_core.py) and at the end
/// of the hashed action name (<c>ActionID.new_sub_action_from</c> in src/flyte/models.py), each group counting its
/// calls from 1.
/// </summary>
public sealed class GroupAndReportTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Training_sends_its_folds_in_one_group_named_as_flyte_sdk_names_them_and_leaves_a_report()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Training, "Training", "training.CrossValidate", "training.LoadPoints", "training.TrainFold");

        var run = await _harness.StartRunAsync(tasks["training.CrossValidate"],
            new LiteralMap { Literals = { ["folds"] = ScalarLiterals.FromInt64(3) } });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
        var load = actions.Single(a => a.Metadata.Task.Id.Name == "training.LoadPoints");
        Assert.Equal("", load.Metadata.Group);
        var folds = actions.Where(a => a.Metadata.Task.Id.Name == "training.TrainFold").ToList();
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
