using Flyte.Generation;
using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Devbox.Tests.Client;

/// <summary>
/// RemoteRun against a scripted control plane: watches the server ends early are reopened without repeating
/// anything, RECOVERED (newer than our schema) is a success, and a phase nobody knows yet breaks nothing.
/// </summary>
public sealed class ClientWatchTests : IAsyncLifetime
{
    private static readonly RunIdentifier RunId = new() { Project = "flytesnacks", Domain = "development", Name = "r1" };

    private ScriptedServer _server = null!;
    private FlyteRemote _remote = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedServer.StartAsync();
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _server.Endpoint });
    }

    public async Task DisposeAsync()
    {
        _remote.Dispose();
        await _server.DisposeAsync();
    }

    private RemoteRun Run => _remote.GetRun(RunId.Name);

    private static RunDetails Details(ActionPhase phase) => new()
    {
        Action = new ActionDetails { Id = new ActionIdentifier { Run = RunId, Name = "a0" }, Status = new ActionStatus { Phase = phase } },
    };

    private static Action Action(string name, ActionPhase phase) =>
        new() { Id = new ActionIdentifier { Run = RunId, Name = name }, Status = new ActionStatus { Phase = phase } };

    private static WatchActionsResponse Message(params Action[] actions)
    {
        var response = new WatchActionsResponse();
        response.EnrichedActions.Add(actions.Select(a => new EnrichedAction { Action = a, MeetsFilter = true }));
        return response;
    }

    private sealed class Reports : IProgress<RunDetails>
    {
        public List<ActionPhase> Phases { get; } = [];

        public void Report(RunDetails value) => Phases.Add(value.Action.Status.Phase);
    }

    [Fact]
    public async Task A_run_watch_the_server_ends_before_the_end_is_reopened_and_reports_each_change_once()
    {
        _server.Runs.RunDetailsStreams.Add([Details(ActionPhase.Queued), Details(ActionPhase.Running)]);
        _server.Runs.RunDetailsStreams.Add([Details(ActionPhase.Running), Details(ActionPhase.Succeeded)]);
        var reports = new Reports();

        var details = await Run.WaitAsync(reports);

        Assert.Equal(ActionPhase.Succeeded, details.Action.Status.Phase);
        Assert.Equal([ActionPhase.Queued, ActionPhase.Running, ActionPhase.Succeeded], reports.Phases);
        Assert.Equal(2, _server.Runs.RunWatches);
    }

    [Fact]
    public async Task An_actions_watch_the_server_ends_early_is_reopened_and_passes_on_only_what_changed()
    {
        _server.Runs.ActionStreams.Add([Message(Action("a0", ActionPhase.Running), Action("a1", ActionPhase.Queued))]);
        _server.Runs.ActionStreams.Add(
        [
            Message(Action("a0", ActionPhase.Running), Action("a1", ActionPhase.Running)),
            Message(Action("a1", ActionPhase.Succeeded)),
            Message(Action("a0", ActionPhase.Succeeded)),
        ]);

        var seen = new List<(string, ActionPhase)>();
        await foreach (var action in Run.WatchActionsAsync())
        {
            seen.Add((action.Id.Name, action.Status.Phase));
        }

        Assert.Equal(
        [
            ("a0", ActionPhase.Running), ("a1", ActionPhase.Queued), ("a1", ActionPhase.Running), ("a1", ActionPhase.Succeeded), ("a0", ActionPhase.Succeeded),
        ], seen);
        Assert.Equal(2, _server.Runs.ActionWatches);
    }

    [Fact]
    public async Task A_recovered_run_has_ended_successfully_and_its_outputs_are_read()
    {
        _server.Runs.RunDetailsStreams.Add([Details(ActionPhase.Running), Details(PhaseNames.Recovered)]);
        _server.Runs.Current = Details(ActionPhase.Running);
        _server.DataProxy.Outputs = new Flyteidl2.Task.Outputs { Literals = { new Flyteidl2.Task.NamedLiteral { Name = "o0", Value = ScalarLiterals.FromInt64(7) } } };

        var outputs = await Run.GetOutputsAsync();

        Assert.Equal(7, outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(1, _server.Runs.RunWatches);
        Assert.True(PhaseNames.IsTerminal(PhaseNames.Recovered));
        Assert.Equal("RECOVERED", PhaseNames.Of(PhaseNames.Recovered));
        Assert.Equal("RECOVERED", Local.ActionReport.PhaseName(Local.ActionPhase.Recovered));
    }

    [Fact]
    public async Task A_phase_newer_than_the_schema_ends_nothing_and_renders_as_its_number()
    {
        var unknown = (ActionPhase)42;
        _server.Runs.RunDetailsStreams.Add([Details(unknown), Details(ActionPhase.Succeeded)]);
        _server.Runs.ActionStreams.Add([Message(Action("a0", unknown)), Message(Action("a0", ActionPhase.Succeeded))]);
        var reports = new Reports();

        var details = await Run.WaitAsync(reports);
        var actions = await Run.WatchActionsAsync().ToListAsync();

        Assert.Equal([unknown, ActionPhase.Succeeded], reports.Phases);
        Assert.Equal(ActionPhase.Succeeded, details.Action.Status.Phase);
        Assert.Equal([unknown, ActionPhase.Succeeded], actions.Select(a => a.Status.Phase));
        Assert.False(PhaseNames.IsTerminal(unknown));
        Assert.Equal("PHASE_42", PhaseNames.Of(unknown));
    }
}
