using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>Many runs at once: every one completes, once. (Throughput and latency figures: benchmarks/devbox-load.)</summary>
public sealed class LoadTests : IAsyncLifetime
{
    private const int Runs = 200;

    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Two_hundred_runs_submitted_at_once_all_complete_none_lost_or_duplicated()
    {
        var square = (await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"))["quickstart.Square"];

        // Distinct inputs, so that every run starts a0 (Square caches its results).
        var runs = await Task.WhenAll(Enumerable.Range(0, Runs).Select(i =>
            _harness.StartRunAsync(square, new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(i) } })));
        // 200 a0 processes take seconds on an idle machine; the bound is for a machine shared with other test runs (two
        // clones' suites and their builds on two cores took more than 5 minutes), not a performance target.
        var ended = await Task.WhenAll(runs.Select(run => _harness.WaitAsync(run, TimeSpan.FromMinutes(20))));

        Assert.Equal(Runs, runs.Select(r => r.Name).Distinct().Count());
        Assert.All(ended, details => Assert.Equal(ActionPhase.Succeeded, details.Action.Status.Phase));
        Assert.All(ended, details => Assert.Equal(1u, details.Action.Status.Attempts));
        for (int i = 0; i < Runs; i++)
        {
            Assert.Equal((long)i * i, (await _harness.OutputsAsync(runs[i])).Literals["o0"].Scalar.Primitive.Integer);
        }
        var listed = await _harness.Runs.ListRunsAsync(new ListRunsRequest
        {
            ProjectId = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain },
            Request = new ListRequest { Limit = 1000 },
        });
        Assert.Equal(runs.Select(r => r.Name).Order(), listed.Runs.Select(r => r.Action.Id.Run.Name).Order());
    }
}
