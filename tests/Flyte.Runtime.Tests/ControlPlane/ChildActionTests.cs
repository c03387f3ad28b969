using Flyte.Generation;
using Flyte.Storage;
using Flyteidl2.Common;
using Flyteidl2.Core;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// Every sample task runs under a0 from a code bundle in an object store (a folder and a real S3 server), with the
/// exact container args of its task spec after the executor's substitutions; a workflow's calls become child actions
/// through ActionsService (a fake control plane here; the devbox runs the real one).
/// </summary>
public sealed class ChildActionTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private const string ExpectedReport = "attic: 1 readings, mean 10, max 10; cellar: 1 readings, mean 17, max 17; garden: 1 readings, mean 11, max 11";

    private readonly string _work = Directory.CreateTempSubdirectory("a0-controller-tests-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private Task<Harness> StartAsync(string store, string sample, int? retries = null) =>
        Harness.StartAsync(_work, sample == "Quickstart" ? SampleOutputs.Quickstart : SampleOutputs.DataPipeline, sample, store == "s3" ? s3 : null, retries);

    private static LiteralMap Inputs(params (string Name, Literal Value)[] inputs)
    {
        var map = new LiteralMap();
        foreach (var (name, value) in inputs)
        {
            map.Literals[name] = value;
        }
        return map;
    }

    private static string NewRunName() => "r" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Quickstart_tasks_run_and_the_workflow_fans_out_through_the_control_plane(string store)
    {
        await using var harness = await StartAsync(store, "Quickstart");

        var square = await harness.OutputsOfAsync(await harness.RunRootAsync("quickstart.Square", Inputs(("x", ScalarLiterals.FromInt64(7))), NewRunName()));
        Assert.Equal(49, square.Literals["o0"].Scalar.Primitive.Integer);

        string runName = NewRunName();
        var mean = await harness.OutputsOfAsync(await harness.RunRootAsync("quickstart.MeanOfSquares", Inputs(("n", ScalarLiterals.FromInt64(4))), runName));
        Assert.Equal(3.5, mean.Literals["o0"].Scalar.Primitive.FloatValue);

        // Four children, named as flyte-sdk names them (known answers, not our own helper's), inputs under their own prefix, one a0 each.
        string runBase = harness.RunBase(runName);
        var enqueued = harness.Service.Enqueued.Select(r => r.Action).ToDictionary(a => a.ActionId.Name);
        Assert.Equal(SquareChildCalls.Names.Order(StringComparer.Ordinal), enqueued.Keys.Order(StringComparer.Ordinal));
        for (int i = 0; i < 4; i++)
        {
            string name = SquareChildCalls.Names[i];
            var child = enqueued[name];
            Assert.Equal("a0", child.ParentActionName);
            Assert.Equal(runName, child.ActionId.Run.Name);
            Assert.Equal(Harness.Project, child.ActionId.Run.Project);
            Assert.Equal(runBase, child.RunOutputBase);
            Assert.Equal(ProtoObjects.Join(runBase, name + "/inputs.pb"), child.InputUri);
            Assert.Equal("quickstart.Square", child.Task.Id.Name);
            Assert.Equal(harness.Bundle.Md5Hex, child.Task.Id.Version);
            Assert.Equal(SquareChildCalls.CacheKeys[i], child.Task.CacheKey);
            var args = child.Task.Spec.TaskTemplate.Container.Args;
            Assert.Equal(harness.BundleUri, args[args.IndexOf("--tgz") + 1]);
            Assert.Equal(harness.Bundle.Md5Hex, args[args.IndexOf("--version") + 1]);
            // The parent got no --image-cache: its children get the SDK's base image, as a deploy with nothing configured, never {{.image}}.
            Assert.Equal(Flyte.Images.TaskImages.SdkDefault, child.Task.Spec.TaskTemplate.Container.Image);
            Assert.Equal(i * i, (await harness.OutputsOfAsync(new Flyteidl2.Workflow.ActionUpdate
            {
                ActionId = child.ActionId,
                Phase = ActionPhase.Succeeded,
                OutputUri = ProtoObjects.Join(runBase, name + "/0"),
            })).Literals["o0"].Scalar.Primitive.Integer);
        }
        Assert.Equal(1 + 1 + 4, harness.Executor.Attempts.Count);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task DataPipeline_tasks_run_each_alone_and_as_a_workflow(string store)
    {
        await using var harness = await StartAsync(store, "DataPipeline");

        // Fetch fails its first attempt with a RecoverableException: the executor retries it, as its policy allows.
        var fetchRun = await harness.RunRootAsync("data-pipeline.Fetch", Inputs(("count", ScalarLiterals.FromInt64(3))), NewRunName());
        var readings = await harness.OutputsOfAsync(fetchRun);
        Assert.Equal(3, readings.Literals["o0"].Collection.Literals.Count);
        Assert.Equal(2, harness.Executor.Attempts.Count(a => a.Action == "a0"));

        var summaries = await harness.OutputsOfAsync(await harness.RunRootAsync("data-pipeline.Summarize", Inputs(("readings", readings.Literals["o0"])), NewRunName()));
        var report = await harness.OutputsOfAsync(await harness.RunRootAsync("data-pipeline.Report", Inputs(("summaries", summaries.Literals["o0"])), NewRunName()));
        Assert.Equal(ExpectedReport, report.Literals["o0"].Scalar.Primitive.StringValue);

        var workflow = await harness.OutputsOfAsync(await harness.RunRootAsync("data-pipeline.Run", Inputs(("count", ScalarLiterals.FromInt64(3))), NewRunName()));
        Assert.Equal(ExpectedReport, workflow.Literals["o0"].Scalar.Primitive.StringValue);
        Assert.Equal(["data-pipeline.Fetch", "data-pipeline.Summarize", "data-pipeline.Report"], harness.Service.Enqueued.Select(r => r.Action.Task.Id.Name));
    }

    [Fact]
    public async Task A_child_that_fails_fails_its_parent_with_the_childs_error()
    {
        // No retries: Fetch's first (failing) attempt is its last.
        await using var harness = await StartAsync("local", "DataPipeline", retries: 0);

        var run = await harness.RunRootAsync("data-pipeline.Run", Inputs(("count", ScalarLiterals.FromInt64(3))), NewRunName());

        Assert.Equal(ActionPhase.Failed, run.Phase);
        Assert.Equal(ExecutionError.Types.ErrorKind.User, run.Error.Kind);
        Assert.Equal("TaskFailedException", run.Error.Code);
        Assert.Contains("data-pipeline.Fetch", run.Error.Message);
        Assert.Contains("RecoverableException: Flyte.RecoverableException: sensor gateway timed out", run.Error.Message);
        Assert.Equal(["data-pipeline.Fetch"], harness.Service.Enqueued.Select(r => r.Action.Task.Id.Name));
    }

    [Fact]
    public async Task A_parent_run_again_reuses_the_children_it_already_ran()
    {
        await using var harness = await StartAsync("local", "DataPipeline");
        string runName = NewRunName();
        var first = await harness.OutputsOfAsync(await harness.RunRootAsync("data-pipeline.Run", Inputs(("count", ScalarLiterals.FromInt64(3))), runName));
        int childAttempts = harness.Executor.Attempts.Count(a => a.Action != "a0");

        var second = await harness.OutputsOfAsync(await harness.RunRootAsync("data-pipeline.Run", Inputs(("count", ScalarLiterals.FromInt64(3))), runName));

        Assert.Equal(first.Literals["o0"], second.Literals["o0"]);
        Assert.Equal(4, childAttempts);
        Assert.Equal(childAttempts, harness.Executor.Attempts.Count(a => a.Action != "a0"));
        // The second run found every child in the watch's replay and enqueued none of them again.
        Assert.Equal(harness.Service.Enqueued.Count, harness.Service.EnqueueCalls);
        Assert.Empty(harness.Service.AlreadyExisting);
    }
}
