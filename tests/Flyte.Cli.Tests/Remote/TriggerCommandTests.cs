using Flyteidl2.Core;
using Flyteidl2.Task;
using Grpc.Net.Client;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Cli.Tests.Remote;

/// <summary><c>flyte get triggers</c>, <c>flyte update trigger</c> and <c>flyte delete trigger</c> against a devbox (docs/triggers.md).</summary>
public sealed class TriggerCommandTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>
{
    [Fact]
    public async Task Triggers_are_listed_and_deactivated_and_activated()
    {
        string task = "cli" + Guid.NewGuid().ToString("N")[..8] + ".Stamp";
        await DeployAsync(task);

        var listed = await devbox.RunAsync("get", "triggers", task);
        var deactivated = await devbox.RunAsync("update", "trigger", "hourly", task, "--deactivate");
        var inactive = await devbox.RunAsync("get", "triggers", "--project", "flytesnacks", "--domain", "development");
        var activated = await devbox.RunAsync("update", "trigger", "hourly", task, "--activate");
        var active = await devbox.RunAsync("get", "triggers", task);

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var lines = listed.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+TASK\s+AUTOMATION\s+ACTIVE$", lines[0]);
        Assert.Matches($@"^hourly\s+{task}\s+cron: 0 \* \* \* \* \(UTC\), time in at\s+yes$", lines[1].TrimEnd());
        Assert.Matches($@"^slow\s+{task}\s+every 90 minutes\s+yes$", lines[2].TrimEnd());
        Assert.True(deactivated.ExitCode == 0, deactivated.ToString());
        Assert.Equal($"trigger hourly of {task} is inactive", deactivated.Out.Trim());
        Assert.Single(inactive.Out.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l.TrimEnd(), $@"^hourly\s+{task}\s+.*\s+no$"));
        Assert.True(activated.ExitCode == 0, activated.ToString());
        Assert.Single(active.Out.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l.TrimEnd(), $@"^hourly\s+{task}\s+.*\s+yes$"));
    }

    [Fact]
    public async Task Flyte_deploy_sends_a_CSharp_tasks_trigger_and_get_triggers_lists_it()
    {
        await devbox.TrainingReadyAsync();

        var listed = await devbox.RunAsync("get", "triggers", "training.CrossValidate");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var lines = listed.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+TASK\s+AUTOMATION\s+ACTIVE$", lines[0]);
        Assert.Matches(@"^nightly\s+training\.CrossValidate\s+cron: 0 3 \* \* \* \(UTC\)\s+yes$", lines[1].TrimEnd());
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Updating_needs_one_switch_and_a_trigger_that_exists()
    {
        var neither = await devbox.RunAsync("update", "trigger", "hourly", "none.Task");
        var missing = await devbox.RunAsync("update", "trigger", "nope", "none.Task", "--activate");

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal("flyte: give one of --activate and --deactivate (see 'flyte update trigger --help')", neither.Error.Trim());
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("flyte: no trigger nope on task none.Task in flytesnacks/development; 'flyte get triggers none.Task' lists its triggers", missing.Error.Trim());
    }

    [Fact]
    public async Task A_deleted_trigger_is_no_longer_listed_or_found_and_deploying_the_task_with_it_restores_it()
    {
        string task = "cli" + Guid.NewGuid().ToString("N")[..8] + ".Stamp";
        await DeployAsync(task);

        var deleted = await devbox.RunAsync("delete", "trigger", "hourly", task);
        var listed = await devbox.RunAsync("get", "triggers", task);
        var again = await devbox.RunAsync("delete", "trigger", "hourly", task);
        var update = await devbox.RunAsync("update", "trigger", "hourly", task, "--activate");
        await DeployAsync(task);
        var restored = await devbox.RunAsync("get", "triggers", task);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"trigger hourly of {task} deleted", deleted.Out.Trim());
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var rows = listed.Out.TrimEnd().Split('\n').Skip(1).ToList();
        Assert.Matches($@"^slow\s+{task}\s+every 90 minutes\s+yes$", Assert.Single(rows).TrimEnd());
        string missing = $"flyte: no trigger hourly on task {task} in flytesnacks/development; 'flyte get triggers {task}' lists its triggers";
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(missing, again.Error.Trim());
        Assert.Equal(2, update.ExitCode);
        Assert.Equal(missing, update.Error.Trim());
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Single(restored.Out.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l.TrimEnd(), $@"^hourly\s+{task}\s+cron: .*\s+yes$"));
    }

    [Fact]
    public async Task Deleting_a_trigger_that_does_not_exist_fails_in_one_line()
    {
        var missing = await devbox.RunAsync("delete", "trigger", "nope", "none.Task", "--project", "flytesnacks", "--domain", "staging");
        var incomplete = await devbox.RunAsync("delete", "trigger", "nope");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("flyte: no trigger nope on task none.Task in flytesnacks/staging; 'flyte get triggers none.Task' lists its triggers", missing.Error.Trim());
        Assert.Equal("", missing.Out);
        Assert.Equal(2, incomplete.ExitCode);
        Assert.StartsWith("flyte: ", incomplete.Error);
        Assert.EndsWith("(see 'flyte delete trigger --help')", incomplete.Error.Trim());
    }

    /// <summary>A task <c>Stamp(DateTimeOffset at, int n)</c> with an hourly cron trigger and a 90-minute one, deployed as a deploy sends them.</summary>
    private async Task DeployAsync(string task)
    {
        var inputs = new VariableMap();
        inputs.Variables.Add(new VariableEntry { Key = "at", Value = new Variable { Type = new LiteralType { Simple = SimpleType.Datetime } } });
        inputs.Variables.Add(new VariableEntry { Key = "n", Value = new Variable { Type = new LiteralType { Simple = SimpleType.Integer } } });
        var id = new TaskIdentifier { Project = "flytesnacks", Domain = "development", Name = task, Version = "v1" };
        var request = new DeployTaskRequest
        {
            TaskId = id,
            Spec = new TaskSpec
            {
                ShortName = "Stamp",
                TaskTemplate = new TaskTemplate
                {
                    Id = new Identifier { ResourceType = ResourceType.Task, Project = id.Project, Domain = id.Domain, Name = task, Version = "v1" },
                    Type = "python-task",
                    Interface = new TypedInterface { Inputs = inputs, Outputs = new VariableMap() },
                    Container = new Container { Image = "ghcr.io/flyteorg/flyte-dotnet:test", Args = { "a0" } },
                },
            },
            Triggers =
            {
                new TaskTrigger
                {
                    Name = "hourly",
                    Spec = new TaskTriggerSpec { Active = true },
                    AutomationSpec = new TriggerAutomationSpec
                    {
                        Type = TriggerAutomationSpecType.TypeSchedule,
                        Schedule = new Schedule { Cron = new Cron { Expression = "0 * * * *", Timezone = "UTC" }, KickoffTimeInputArg = "at" },
                    },
                },
                new TaskTrigger
                {
                    Name = "slow",
                    Spec = new TaskTriggerSpec { Active = true },
                    AutomationSpec = new TriggerAutomationSpec
                    {
                        Type = TriggerAutomationSpecType.TypeSchedule,
                        Schedule = new Schedule { Rate = new FixedRate { Value = 90, Unit = FixedRateUnit.Minute } },
                    },
                },
            },
        };
        using var channel = GrpcChannel.ForAddress(devbox.Devbox.Endpoint);
        await new TaskService.TaskServiceClient(channel).DeployTaskAsync(request);
    }
}
