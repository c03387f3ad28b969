using Flyte.Devbox.Execution;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Trigger;
using Flyteidl2.Workflow;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Triggers;

/// <summary>
/// A C# task's <c>[Trigger]</c> from deploy to a finished run (docs/triggers.md): deployed by <see cref="FlyteRemote"/>
/// as <c>flyte deploy</c> sends it, fired by the devbox's scheduler on a fake clock, run by a real a0 process.
/// </summary>
public sealed class TriggeredRunTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";
    private const string Greet = "scheduled.Greet";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 30, TimeSpan.Zero));
    private readonly RecordingLauncher _launcher = new(new ProcessLauncher(["dotnet", SampleOutputs.A0]));
    private DevboxHarness _harness = null!;
    private FlyteRemote _remote = null!;
    private GrpcChannel _channel = null!;
    private TriggerService.TriggerServiceClient _triggers = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync(configure: options => options with { TimeProvider = _clock, Launcher = _launcher });
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        _triggers = new TriggerService.TriggerServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        _remote.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task A_fired_trigger_runs_the_task_in_a0_with_the_scheduled_time_and_the_triggers_input()
    {
        var deployment = await _remote.DeployAsync(SampleOutputs.DevboxTestTasks, [SampleTasks.Get(SampleOutputs.DevboxTestTasks, Assembly, Greet)]);
        var name = new TriggerName { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, TaskName = Greet, Name = "morning" };
        var deployed = (await _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = name })).Trigger;
        Assert.False(deployed.Spec.Active);
        Assert.Equal(deployment.Version, deployed.Spec.TaskVersion);
        await _triggers.UpdateTriggersAsync(new UpdateTriggersRequest { Names = { name }, Active = true });

        // "30 6 * * *" in Europe/Paris: 06:30 CET on 2 March 2026 is 05:30 UTC.
        var scheduled = new DateTimeOffset(2026, 3, 2, 5, 30, 0, TimeSpan.Zero);
        _clock.SetUtcNow(scheduled.AddSeconds(-1));
        await Task.Delay(400);
        Assert.Empty(await RunsAsync());
        _clock.SetUtcNow(scheduled.AddSeconds(3));
        await Until.TrueAsync(async () => (await RunsAsync()).Count > 0, "the trigger's run to be created");
        var run = Assert.Single(await RunsAsync());
        var details = await _harness.WaitAsync(run.Action.Id.Run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        var outputs = await _harness.OutputsAsync(run.Action.Id.Run);
        Assert.Equal("good morning, it is 2026-03-02T05:30:00+00:00", outputs.Literals["o0"].Scalar.Primitive.StringValue);
        Assert.Equal("morning", details.Action.Metadata.TriggerName);
        Assert.Equal(RunSource.ScheduleTrigger, details.Action.Metadata.Source);
        Assert.Equal(deployment.Version, details.Action.Metadata.Task.Id.Version);
        // The executor gave a0 the scheduled time as the run's start time, not the time the run was created.
        var args = Assert.Single(_launcher.Launched).Args.ToList();
        Assert.Equal("2026-03-02T05:30:00Z", args[args.IndexOf("--run-start-time") + 1]);
    }

    private async Task<List<Run>> RunsAsync() =>
        [.. (await _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain } })).Runs];
}
