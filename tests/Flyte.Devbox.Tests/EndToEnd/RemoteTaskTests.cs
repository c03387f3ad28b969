using Flyte.Devbox.Execution;
using Flyte.Generation;
using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// [RemoteTask] declarations called by C# workflows run by a0 under the devbox: a task deployed from a spec in
/// flyte-sdk's form (a Python task, run by <see cref="PythonTaskLauncher"/>), and a C# task deployed from another
/// assembly (the quickstart sample). The caller fetches the deployed spec (flyte-sdk's remote.Task.get with
/// auto_version="latest"), enqueues it unchanged with the deployed defaults filled in, and fails with one line when the
/// declaration does not match (src/flyte/remote/_task.py, src/flyte/_internal/controllers/remote/_controller.py).
/// </summary>
public sealed class RemoteTaskTests : IAsyncLifetime
{
    private const string PythonVersion = "py-1";
    private const string PythonImage = "ghcr.io/flyteorg/flyte:py3.12-v2.0.0";

    private readonly PythonTaskLauncher _launcher = new(new ProcessLauncher(["dotnet", SampleOutputs.A0]));
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync(configure: options => options with { Launcher = _launcher });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary><c>ml.train(name: str, epochs: int = 3) -> float</c> as flyte-sdk's deploy writes it (_task.py container_args, task_serde.py).</summary>
    private static TaskSpec PythonTrainSpec() => new()
    {
        TaskTemplate = new TaskTemplate
        {
            Id = new Identifier { ResourceType = ResourceType.Task, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "ml.train", Version = PythonVersion },
            Type = "python",
            Metadata = new Flyteidl2.Core.TaskMetadata { Runtime = new Flyteidl2.Core.RuntimeMetadata { Type = Flyteidl2.Core.RuntimeMetadata.Types.RuntimeType.FlyteSdk, Version = "2.0.0", Flavor = "python" } },
            Interface = new TypedInterface
            {
                Inputs = new VariableMap
                {
                    Variables =
                    {
                        new VariableEntry { Key = "name", Value = new Variable { Type = LiteralTypes.String } },
                        new VariableEntry { Key = "epochs", Value = new Variable { Type = LiteralTypes.Integer } },
                    },
                },
                Outputs = new VariableMap { Variables = { new VariableEntry { Key = "o0", Value = new Variable { Type = LiteralTypes.Float } } } },
            },
            Container = new Container
            {
                Image = PythonImage,
                Args =
                {
                    "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}", "--version", PythonVersion,
                    "--raw-data-path", "{{.rawOutputDataPrefix}}", "--checkpoint-path", "{{.checkpointOutputPrefix}}",
                    "--prev-checkpoint", "{{.prevCheckpointPrefix}}", "--run-name", "{{.runName}}", "--name", "{{.actionName}}",
                    "--run-start-time", "{{.runStartTime}}",
                    "--resolver", PythonTaskLauncher.Resolver, "mod", "ml", "instance", "train",
                },
            },
        },
        DefaultInputs =
        {
            new NamedParameter
            {
                Name = "epochs",
                Parameter = new Parameter { Var = new Variable { Type = LiteralTypes.Integer }, Default = ScalarLiterals.FromInt64(3) },
            },
        },
        ShortName = "train",
    };

    private async Task DeployPythonTrainAsync()
    {
        var id = new TaskIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "ml.train", Version = PythonVersion };
        await _harness.Tasks.DeployTaskAsync(new DeployTaskRequest { TaskId = id, Spec = PythonTrainSpec() });
    }

    [Fact]
    public async Task A_workflow_calls_a_task_deployed_in_python_form_with_its_spec_unchanged_and_its_defaults_filled()
    {
        await DeployPythonTrainAsync();
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxRemoteCallers, "Flyte.Devbox.Tests.RemoteCallers", "remote.TrainTwice");

        var run = await _harness.StartRunAsync(tasks["remote.TrainTwice"], new LiteralMap { Literals = { ["name"] = ScalarLiterals.FromString("ada") } });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        // Train("ada") with the deployed default of 3 epochs: 1.5 + 3; TrainLonger("ada", 10): 5 + 3.
        Assert.Equal(12.5, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.FloatValue);
        var attempts = _launcher.PythonAttempts.ToList();
        Assert.Equal(2, attempts.Count);
        foreach (var args in attempts)
        {
            Assert.Equal("a0", args[0]);
            Assert.Equal(PythonVersion, args[args.ToList().IndexOf("--version") + 1]);
        }
        var children = (await _harness.Runs.ListActionsAsync(new Flyteidl2.Workflow.ListActionsRequest { RunId = run })).Actions.Where(a => a.Id.Name != "a0").ToList();
        Assert.Equal(2, children.Count);
        Assert.All(children, child => Assert.Equal("ml.train", child.Metadata.Task.Id.Name));
        Assert.All(children, child => Assert.Equal(PythonVersion, child.Metadata.Task.Id.Version));
    }

    [Fact]
    public async Task A_declaration_that_does_not_match_the_deployed_interface_fails_the_call_with_one_line()
    {
        await DeployPythonTrainAsync();
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxRemoteCallers, "Flyte.Devbox.Tests.RemoteCallers", "remote.TrainByNumber");

        var run = await _harness.StartRunAsync(tasks["remote.TrainByNumber"], new LiteralMap { Literals = { ["name"] = ScalarLiterals.FromInt64(7) } });
        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Failed, details.Action.Status.Phase);
        string message = details.Action.ErrorInfo.Message;
        Assert.Contains($"DevboxTests.PythonModels.TrainByNumber does not match task ml.train (version {PythonVersion} in {DevboxHarness.Project}/{DevboxHarness.Domain}): "
            + "input 'name' is declared INTEGER but deployed as STRING; correct the declaration, or write it again with 'flyte generate remote-task ml.train'", message);
        Assert.Empty(_launcher.PythonAttempts);
    }

    [Fact]
    public async Task A_workflow_calls_a_csharp_task_deployed_from_another_assembly()
    {
        await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxRemoteCallers, "Flyte.Devbox.Tests.RemoteCallers", "remote.SumOfSquares");

        var run = await _harness.StartRunAsync(tasks["remote.SumOfSquares"], new LiteralMap { Literals = { ["n"] = ScalarLiterals.FromInt64(4) } });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(30, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        var children = (await _harness.Runs.ListActionsAsync(new Flyteidl2.Workflow.ListActionsRequest { RunId = run })).Actions.Where(a => a.Id.Name != "a0").ToList();
        Assert.Equal(4, children.Count);
        Assert.All(children, child => Assert.Equal("quickstart.Square", child.Metadata.Task.Id.Name));
    }

    [Fact]
    public async Task Calling_a_task_that_is_not_deployed_fails_with_one_line()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxRemoteCallers, "Flyte.Devbox.Tests.RemoteCallers", "remote.SumOfSquares");

        var run = await _harness.StartRunAsync(tasks["remote.SumOfSquares"], new LiteralMap { Literals = { ["n"] = ScalarLiterals.FromInt64(2) } });
        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Failed, details.Action.Status.Phase);
        Assert.Contains($"DevboxTests.QuickstartTasks.Square calls task quickstart.Square, which is not deployed in {DevboxHarness.Project}/{DevboxHarness.Domain}: "
            + "deploy it first, or correct the name in [RemoteTask]", details.Action.ErrorInfo.Message);
    }

    [Fact]
    public async Task Checking_the_declarations_before_a_deploy_names_the_first_that_does_not_match()
    {
        await DeployPythonTrainAsync();
        await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var declarations = SampleTasks.Remote(SampleOutputs.DevboxRemoteCallers, "Flyte.Devbox.Tests.RemoteCallers");
        using var remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });

        var matching = declarations.Where(d => d.MethodName != "DevboxTests.PythonModels.TrainByNumber").ToList();
        await remote.CheckRemoteTasksAsync(matching);
        var failure = await Assert.ThrowsAsync<RemoteTaskException>(() => remote.CheckRemoteTasksAsync(declarations));

        Assert.StartsWith("DevboxTests.PythonModels.TrainByNumber does not match task ml.train", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public async Task A_run_that_leaves_out_an_input_with_a_default_gets_the_default_from_the_spec()
    {
        await DeployPythonTrainAsync();
        var id = new TaskIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "ml.train", Version = PythonVersion };

        // CreateRun fills default_inputs into the run's inputs, as the open-source backend's fillDefaultInputs does.
        var run = await _harness.StartRunAsync(id, new LiteralMap { Literals = { ["name"] = ScalarLiterals.FromString("grace") } });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(3 / 2.0 + "grace".Length, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.FloatValue);
    }
}
