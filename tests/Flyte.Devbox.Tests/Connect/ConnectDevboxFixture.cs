using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>A devbox for a class of Connect tests, with quickstart.Square deployed (over gRPC, by the harness).</summary>
public sealed class ConnectDevboxFixture : IAsyncLifetime
{
    internal DevboxHarness Harness { get; private set; } = null!;

    internal TaskIdentifier Square { get; private set; } = null!;

    internal string Endpoint => Harness.Devbox.Endpoint;

    internal static ProjectIdentifier Project => new() { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    public async Task InitializeAsync()
    {
        Harness = await DevboxHarness.StartAsync();
        Square = (await Harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"))["quickstart.Square"];
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    /// <summary>A CreateRun request of quickstart.Square(x) under a new run name.</summary>
    internal CreateRunRequest SquareRun(long x) => new()
    {
        RunId = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = Flyte.Local.RunNames.New() },
        TaskId = Square,
        Inputs = Flyte.Local.RunLayout.ToInputs(new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } }),
    };

    /// <summary>A run of quickstart.Square, started over gRPC and watched to its end.</summary>
    internal async Task<RunIdentifier> EndedRunAsync()
    {
        var run = await Harness.StartRunAsync(Square, new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(3) } });
        Assert.Equal(ActionPhase.Succeeded, (await Harness.WaitAsync(run)).Action.Status.Phase);
        return run;
    }
}
