using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Trigger;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Triggers;

/// <summary>
/// Triggers end to end (docs/triggers.md): deployed with a task over real gRPC, stored in real SQLite, fired by the
/// devbox's scheduler on a fake clock. The runs they create are parked (never run), so the tests read their records.
/// </summary>
public sealed class TriggerTests : IAsyncLifetime
{
    private const string StampTask = "triggers.Stamp";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 30, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private int _maxCatchUp = 100;
    private DevboxHarness _harness = null!;
    private GrpcChannel _channel = null!;
    private TriggerService.TriggerServiceClient _triggers = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync(configure: options => options with
        {
            TimeProvider = _clock,
            Launcher = new ParkedLauncher(),
            MaxTriggerCatchUpRuns = _maxCatchUp,
        });
        Connect();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _harness.DisposeAsync();
    }

    private void Connect()
    {
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        _triggers = new TriggerService.TriggerServiceClient(_channel);
    }

    [Fact]
    public async Task Deployed_triggers_are_listed_and_a_tick_starts_one_run_named_as_upstream()
    {
        await DeployAsync("v1",
            Cron("hourly", "0 * * * *", kickoff: "at", inputs: [("n", Int(7))]),
            Rate("slow", 90, FixedRateUnit.Minute, inputs: [("at", Time(Start)), ("n", Int(1))]));

        var listed = await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() });
        Assert.Equal(["hourly", "slow"], listed.Triggers.Select(t => t.Id.Name.Name).Order());
        Assert.All(listed.Triggers, t => Assert.True(t.Active));
        Assert.All(listed.Triggers, t => Assert.Equal(TriggerAutomationSpecType.TypeSchedule, t.AutomationSpec.Type));
        Assert.All(listed.Triggers, t => Assert.Equal(1ul, t.Id.Revision));
        var byTask = await _triggers.ListTriggersAsync(new ListTriggersRequest { TaskName = new TaskName { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = StampTask } });
        Assert.Equal(2, byTask.Triggers.Count);

        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 10, 59, 59, TimeSpan.Zero));
        await AssertNoNewRunsAsync(0);
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 5, TimeSpan.Zero));
        var runs = await WaitForRunsAsync(1);

        // FNV-1 64 of "flytesnacks:development:triggers.Stamp:hourly:2026:3:1:11:0:0", computed outside the devbox.
        Assert.Equal("r2f57f3e16f3cd8cc", Assert.Single(runs).Action.Id.Run.Name);
        var inputs = await InputsAsync(runs[0]);
        Assert.Equal(Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero)), inputs["at"].Scalar.Primitive.Datetime);
        Assert.Equal(7, inputs["n"].Scalar.Primitive.Integer);
        var details = await _harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = runs[0].Action.Id.Run });
        var metadata = details.Details.Action.Metadata;
        Assert.Equal("hourly", metadata.TriggerName);
        Assert.Equal(RunSource.ScheduleTrigger, metadata.Source);
        Assert.Equal("hourly", metadata.TriggerId.Name.Name);
        Assert.Equal(StampTask, metadata.TriggerId.Name.TaskName);
        Assert.Equal(1ul, metadata.TriggerId.Revision);
        Assert.Equal("v1", metadata.Task.Id.Version);
        await AssertNoNewRunsAsync(1);

        var hourly = await _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = Name("hourly") });
        Assert.NotNull(hourly.Trigger.Status.TriggeredAt);
        Assert.Equal("v1", hourly.Trigger.Spec.TaskVersion);
    }

    [Fact]
    public async Task A_deactivated_trigger_does_not_fire_and_activation_does_not_catch_up()
    {
        await DeployAsync("v1", Cron("tens", "*/10 * * * *", kickoff: "at", inputs: [("n", Int(1))]));
        await _triggers.UpdateTriggersAsync(new UpdateTriggersRequest { Names = { Name("tens") }, Active = false });

        _clock.SetUtcNow(Start.AddMinutes(35));
        await AssertNoNewRunsAsync(0);
        var listed = await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() });
        Assert.False(Assert.Single(listed.Triggers).Active);

        await _triggers.UpdateTriggersAsync(new UpdateTriggersRequest { Names = { Name("tens") }, Active = true });
        await AssertNoNewRunsAsync(0);
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 10, 39, 59, TimeSpan.Zero));
        await AssertNoNewRunsAsync(0);
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 10, 40, 1, TimeSpan.Zero));
        var runs = await WaitForRunsAsync(1);
        Assert.Equal("rbdd753ffbc6b7186", Assert.Single(runs).Action.Id.Run.Name);
        var details = await _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = Name("tens") });
        Assert.Equal(3ul, details.Trigger.Id.Revision);
    }

    [Fact]
    public async Task A_restarted_devbox_catches_up_missed_ticks_oldest_first_at_most_the_limit()
    {
        await DeployAsync("v1", Cron("hourly", "0 * * * *", kickoff: "at", inputs: [("n", Int(3))]));
        await StopAsync();

        _maxCatchUp = 3;
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 15, 30, 0, TimeSpan.Zero));
        await _harness.StartDevboxAsync();
        Connect();

        var runs = await WaitForRunsAsync(3);
        // The ticks of 11:00, 12:00 and 13:00; 14:00 and 15:00 are past the limit.
        Assert.Equal(["r2f57f3e16f3cd8cc", "r6fedc7f986baea2f", "r988aa3f08041e4ae"], runs.Select(r => r.Action.Id.Run.Name).Order());
        foreach (var run in runs)
        {
            var at = (await InputsAsync(run))["at"].Scalar.Primitive.Datetime.ToDateTimeOffset();
            Assert.Contains(at.Hour, new[] { 11, 12, 13 });
        }
        await AssertNoNewRunsAsync(3);
    }

    [Fact]
    public async Task A_redeploy_with_triggers_soft_deletes_the_others_and_one_without_keeps_them()
    {
        await DeployAsync("v1", Cron("a", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]), Cron("b", "0 0 * * *", kickoff: "at", inputs: [("n", Int(1))]));
        await DeployAsync("v2", Cron("a", "0 * * * *", kickoff: "at", inputs: [("n", Int(2))]));

        var listed = await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() });
        var a = Assert.Single(listed.Triggers);
        Assert.Equal("a", a.Id.Name.Name);
        Assert.Equal(2ul, a.Id.Revision);
        var details = await _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = Name("a") });
        Assert.Equal("v2", details.Trigger.Spec.TaskVersion);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = Name("b") }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        await DeployAsync("v3");
        Assert.Single((await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() })).Triggers);
        var byVersion = await _triggers.ListTriggersAsync(new ListTriggersRequest { TaskId = TaskId("v2") });
        Assert.Single(byVersion.Triggers);
        Assert.Empty((await _triggers.ListTriggersAsync(new ListTriggersRequest { TaskId = TaskId("v1") })).Triggers);
    }

    [Theory]
    [InlineData("61 * * * *", "at", "trigger \"nightly\" has an invalid cron expression \"61 * * * *\": ")]
    [InlineData("0 0 * * *", "n", "trigger \"nightly\" passes its fire time as input \"n\" of task triggers.Stamp, which is not a datetime")]
    [InlineData("0 0 * * *", "when", "trigger \"nightly\" passes its fire time as input \"when\", which task triggers.Stamp does not have; its inputs: at, n")]
    public async Task A_bad_trigger_is_refused_in_one_line_and_nothing_is_stored(string cron, string kickoff, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => DeployAsync("v1", Cron("nightly", cron, kickoff, inputs: [("n", Int(1))])));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(expected, error.Status.Detail);
        Assert.DoesNotContain('\n', error.Status.Detail);
        Assert.Empty((await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() })).Triggers);
        var task = await Assert.ThrowsAsync<RpcException>(() => _harness.Tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = TaskId("v1") }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, task.StatusCode);
    }

    [Fact]
    public async Task A_fixed_rate_of_zero_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => DeployAsync("v1", Rate("fast", 0, FixedRateUnit.Minute, inputs: [])));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("trigger \"fast\" has a fixed rate of 0: the value must be at least 1", error.Status.Detail);
    }

    [Fact]
    public async Task A_deleted_trigger_is_hidden_and_never_fires()
    {
        await DeployAsync("v1", Cron("hourly", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]));
        await _triggers.DeleteTriggersAsync(new DeleteTriggersRequest { Names = { Name("hourly") } });

        Assert.Empty((await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() })).Triggers);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = Name("hourly") }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        _clock.SetUtcNow(Start.AddHours(2));
        await AssertNoNewRunsAsync(0);
    }

    [Fact]
    public async Task A_deleted_trigger_comes_back_active_when_its_task_is_deployed_with_it_again()
    {
        await DeployAsync("v1", Cron("hourly", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]));
        await _triggers.DeleteTriggersAsync(new DeleteTriggersRequest { Names = { Name("hourly") } });
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 5, TimeSpan.Zero));
        await AssertNoNewRunsAsync(0);

        await DeployAsync("v2", Cron("hourly", "0 * * * *", kickoff: "at", inputs: [("n", Int(2))]));

        var details = await _triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = Name("hourly") });
        // Deployed (1), deleted (2), deployed again (3).
        Assert.Equal(3ul, details.Trigger.Id.Revision);
        Assert.True(details.Trigger.Spec.Active);
        Assert.Equal("v2", details.Trigger.Spec.TaskVersion);
        Assert.Null(details.Trigger.Status.DeletedAt);
        Assert.Single((await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project() })).Triggers);
        // The 11:00 tick passed while it was deleted and is not caught up; 12:00 fires.
        await AssertNoNewRunsAsync(0);
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 12, 0, 5, TimeSpan.Zero));
        var inputs = await InputsAsync(Assert.Single(await WaitForRunsAsync(1)));
        Assert.Equal(2, inputs["n"].Scalar.Primitive.Integer);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), inputs["at"].Scalar.Primitive.Datetime.ToDateTimeOffset());
    }

    [Fact]
    public async Task DeployTrigger_holds_an_optimistic_lock_on_the_revision()
    {
        await DeployAsync("v1", Cron("hourly", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]));
        var spec = new TriggerSpec { Active = true, TaskVersion = "v1", Inputs = new Inputs { Literals = { new NamedLiteral { Name = "n", Value = Int(5) } } } };
        var automation = new TriggerAutomationSpec
        {
            Type = TriggerAutomationSpecType.TypeSchedule,
            Schedule = new Schedule { Cron = new Flyteidl2.Task.Cron { Expression = "30 * * * *" }, KickoffTimeInputArg = "at" },
        };

        var stale = await Assert.ThrowsAsync<RpcException>(() => _triggers.DeployTriggerAsync(new DeployTriggerRequest { Name = Name("hourly"), Revision = 7, Spec = spec, AutomationSpec = automation }).ResponseAsync);
        var deployed = await _triggers.DeployTriggerAsync(new DeployTriggerRequest { Name = Name("hourly"), Revision = 1, Spec = spec, AutomationSpec = automation });
        var added = await _triggers.DeployTriggerAsync(new DeployTriggerRequest { Name = Name("other"), Spec = spec, AutomationSpec = automation });

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.StartsWith("trigger \"hourly\" is at revision 1, not 7", stale.Status.Detail);
        Assert.Equal(2ul, deployed.Trigger.Id.Revision);
        Assert.Equal("30 * * * *", deployed.Trigger.AutomationSpec.Schedule.Cron.Expression);
        Assert.Equal(1ul, added.Trigger.Id.Revision);
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 10, 30, 1, TimeSpan.Zero));
        var runs = await WaitForRunsAsync(2);
        foreach (var run in runs)
        {
            var inputs = await InputsAsync(run);
            Assert.Equal(5, inputs["n"].Scalar.Primitive.Integer);
        }
    }

    [Fact]
    public async Task A_triggered_run_gets_the_task_defaults_for_the_inputs_its_trigger_leaves_out()
    {
        var request = new DeployTaskRequest { TaskId = TaskId("v1"), Spec = StampSpec("v1", defaultN: 42) };
        request.Triggers.Add(Cron("hourly", "0 * * * *", kickoff: "at", inputs: []));
        await _harness.Tasks.DeployTaskAsync(request);

        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 1, TimeSpan.Zero));
        var inputs = await InputsAsync(Assert.Single(await WaitForRunsAsync(1)));

        Assert.Equal(42, inputs["n"].Scalar.Primitive.Integer);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero), inputs["at"].Scalar.Primitive.Datetime.ToDateTimeOffset());
    }

    [Fact]
    public async Task ListTriggers_pages_with_the_token_it_returns()
    {
        await DeployAsync("v1",
            Cron("a", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]),
            Cron("b", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]),
            Cron("c", "0 * * * *", kickoff: "at", inputs: [("n", Int(1))]));

        var first = await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project(), Request = new ListRequest { Limit = 2 } });
        var second = await _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project(), Request = new ListRequest { Limit = 2, Token = first.Token } });
        var bad = await Assert.ThrowsAsync<RpcException>(() => _triggers.ListTriggersAsync(new ListTriggersRequest { ProjectId = Project(), Request = new ListRequest { Token = "x" } }).ResponseAsync);

        Assert.Equal(2, first.Triggers.Count);
        Assert.Equal("2", first.Token);
        Assert.Single(second.Triggers);
        Assert.Equal("", second.Token);
        Assert.Equal(["a", "b", "c"], first.Triggers.Concat(second.Triggers).Select(t => t.Id.Name.Name).Order());
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var none = await Assert.ThrowsAsync<RpcException>(() => _triggers.ListTriggersAsync(new ListTriggersRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, none.StatusCode);
    }

    [Fact]
    public async Task The_revision_rpcs_are_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _triggers.GetTriggerRevisionHistoryAsync(new GetTriggerRevisionHistoryRequest { Name = Name("x") }).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private async Task StopAsync()
    {
        _channel.Dispose();
        await _harness.StopDevboxAsync();
    }

    private Task DeployAsync(string version, params TaskTrigger[] triggers)
    {
        var request = new DeployTaskRequest { TaskId = TaskId(version), Spec = StampSpec(version) };
        request.Triggers.Add(triggers);
        return _harness.Tasks.DeployTaskAsync(request).ResponseAsync;
    }

    /// <summary>A task <c>Stamp(DateTimeOffset at, int n)</c>, as a deploy sends it; it never runs (the launcher parks it).</summary>
    private static TaskSpec StampSpec(string version, long? defaultN = null)
    {
        var inputs = new VariableMap();
        inputs.Variables.Add(new VariableEntry { Key = "at", Value = new Variable { Type = new LiteralType { Simple = SimpleType.Datetime } } });
        inputs.Variables.Add(new VariableEntry { Key = "n", Value = new Variable { Type = new LiteralType { Simple = SimpleType.Integer } } });
        var spec = new TaskSpec
        {
            ShortName = "Stamp",
            TaskTemplate = new TaskTemplate
            {
                Id = new Identifier { ResourceType = ResourceType.Task, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = StampTask, Version = version },
                Type = "python-task",
                Interface = new TypedInterface { Inputs = inputs, Outputs = new VariableMap() },
                Container = new Container { Image = Flyte.Images.TaskImages.SdkDefault, Args = { "a0" } },
            },
        };
        if (defaultN is { } n)
        {
            spec.DefaultInputs.Add(new NamedParameter
            {
                Name = "n",
                Parameter = new Parameter { Var = new Variable { Type = new LiteralType { Simple = SimpleType.Integer } }, Default = Int(n) },
            });
        }
        return spec;
    }

    private static TaskTrigger Cron(string name, string expression, string kickoff, (string Name, Literal Value)[] inputs) =>
        Trigger(name, new Schedule { Cron = new Flyteidl2.Task.Cron { Expression = expression, Timezone = "UTC" }, KickoffTimeInputArg = kickoff }, inputs);

    private static TaskTrigger Rate(string name, uint value, FixedRateUnit unit, (string Name, Literal Value)[] inputs) =>
        Trigger(name, new Schedule { Rate = new FixedRate { Value = value, Unit = unit } }, inputs);

    private static TaskTrigger Trigger(string name, Schedule schedule, (string Name, Literal Value)[] inputs)
    {
        var spec = new TaskTriggerSpec { Active = true, Inputs = new Inputs(), Description = $"{name} test trigger" };
        spec.Inputs.Literals.Add(inputs.Select(i => new NamedLiteral { Name = i.Name, Value = i.Value }));
        return new TaskTrigger
        {
            Name = name,
            Spec = spec,
            AutomationSpec = new TriggerAutomationSpec { Type = TriggerAutomationSpecType.TypeSchedule, Schedule = schedule },
        };
    }

    private static Literal Int(long value) => new() { Scalar = new Scalar { Primitive = new Primitive { Integer = value } } };

    private static Literal Time(DateTimeOffset value) => new() { Scalar = new Scalar { Primitive = new Primitive { Datetime = Timestamp.FromDateTimeOffset(value) } } };

    private static TaskIdentifier TaskId(string version) =>
        new() { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = StampTask, Version = version };

    private static TriggerName Name(string name) =>
        new() { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, TaskName = StampTask, Name = name };

    private static ProjectIdentifier Project() => new() { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    private async Task<List<Run>> ListRunsAsync() =>
        [.. (await _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = Project() })).Runs];

    /// <summary>Polls (on the real clock) until the runs number <paramref name="count"/>.</summary>
    private async Task<List<Run>> WaitForRunsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var runs = await ListRunsAsync();
            if (runs.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, runs.Count);
                return runs;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Gives the scheduler a moment (on the real clock) and checks that it started no run beyond <paramref name="count"/>.</summary>
    private async Task AssertNoNewRunsAsync(int count)
    {
        await Task.Delay(400);
        Assert.Equal(count, (await ListRunsAsync()).Count);
    }

    private async Task<Dictionary<string, Literal>> InputsAsync(Run run)
    {
        var uris = await _harness.Runs.GetActionDataURIsAsync(new GetActionDataURIsRequest { ActionId = run.Action.Id });
        var inputs = await _harness.Devbox.Storage.ReadAsync(uris.InputsUri, Inputs.Parser, CancellationToken.None);
        return inputs.Literals.ToDictionary(l => l.Name, l => l.Value);
    }
}
