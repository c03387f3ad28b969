using Flyte.Generation;
using Flyte.Devbox.Execution;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// An abort that arrives as an attempt ends by itself (the launcher has returned; the devbox is reading what the attempt
/// left) still ends the action ABORTED: the retryable failure it would otherwise have been is not retried.
/// </summary>
public sealed class AbortAsAttemptEndsTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private readonly EndsAsAbortArrivesLauncher _launcher = new();
    private DevboxHarness _harness = null!;
    private Flyteidl2.Task.TaskIdentifier _explode = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync(configure: options => options with { Launcher = _launcher });
        // Retries = 3: an attempt that ends without outputs (NoResult) would be retried.
        _explode = (await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Explode"))["slow.Explode"];
    }

    public Task DisposeAsync() => _harness.DisposeAsync().AsTask();

    public static TheoryData<string> Apis => ["RunService.AbortRun", "RunService.AbortAction"];

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task The_action_ends_aborted_after_one_attempt(string api)
    {
        var run = await _harness.StartRunAsync(_explode, new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(7) } });
        await _launcher.FirstAttemptStarted.WaitAsync(Until.DefaultBound);

        if (api == "RunService.AbortRun")
        {
            await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        }
        else
        {
            await _harness.Runs.AbortActionAsync(new AbortActionRequest { ActionId = new ActionIdentifier { Run = run, Name = "a0" }, Reason = "test" });
        }
        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Aborted, details.Action.Status.Phase);
        Assert.Equal(1, _launcher.Attempts);
        var attempts = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = new ActionIdentifier { Run = run, Name = "a0" } })).Details.Attempts;
        Assert.Equal([ActionPhase.Aborted], attempts.Select(attempt => attempt.Phase));
    }

    /// <summary>
    /// The first attempt's process exits by itself, without outputs, at the moment its abort arrives: RunAsync returns
    /// normally, not cancelled. A later attempt (the retry a lost abort would start) exits the same way at once.
    /// </summary>
    private sealed class EndsAsAbortArrivesLauncher : IActionLauncher
    {
        private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public Task FirstAttemptStarted => _firstStarted.Task;

        public int Attempts => Volatile.Read(ref _attempts);

        public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) == 1)
            {
                var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var registration = cancellationToken.Register(() => aborted.TrySetResult());
                _firstStarted.TrySetResult();
                await aborted.Task;
            }
            return new LaunchResult(ExitCode: 0);
        }

        public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
