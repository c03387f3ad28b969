using Flyte.Local;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Flyte.Cli.Run;

/// <summary>
/// A live table of the run's actions (phase, attempt, cache hit) redrawn while the run goes, for a
/// terminal. A fan-out of thousands shows its busiest rows and a count of the rest.
/// </summary>
internal static class LiveProgress
{
    private const int MaxRows = 15;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> ShowWhileAsync<T>(IAnsiConsole console, ActionBoard board, Func<Task<T>> run)
    {
        T result = default!;
        await console.Live(Render(board)).AutoClear(true).StartAsync(async context =>
        {
            // A workflow starts its fan-out on the calling thread; off this one, the display keeps drawing meanwhile.
            var work = Task.Run(run);
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(RefreshInterval)).ConfigureAwait(false);
                context.UpdateTarget(Render(board));
                context.Refresh();
            }
            result = await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    private static IRenderable Render(ActionBoard board)
    {
        var actions = board.Snapshot();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Action").NoWrap()).AddColumn(new TableColumn("Task").NoWrap()).AddColumn(new TableColumn("Phase").NoWrap());
        // Unfinished and failed actions matter most while a run goes; finished ones fill what room is left.
        var shown = actions.Take(1)
            .Concat(actions.Skip(1).Where(a => !ActionReport.IsSuccess(a.Phase)))
            .Concat(actions.Skip(1).Where(a => ActionReport.IsSuccess(a.Phase)).Reverse())
            .Take(MaxRows)
            .ToList();
        foreach (var action in shown)
        {
            // Attempt and cache hit ride along with the phase, so a row fits an 80-column terminal.
            string attempt = action.Attempt > 0 ? $" attempt {action.Attempt + 1}" : "";
            string cache = action.CacheHit ? " cached" : "";
            table.AddRow(
                Markup.Escape(action.ActionName),
                Markup.Escape(action.TaskName),
                $"[{PhaseColor(action.Phase)}]{ActionReport.PhaseName(action.Phase)}[/]{attempt}{cache}");
        }
        int succeeded = actions.Count(a => ActionReport.IsSuccess(a.Phase));
        int cached = actions.Count(a => a.CacheHit);
        int failed = actions.Count(a => a.Phase is ActionPhase.Failed or ActionPhase.TimedOut or ActionPhase.Aborted);
        int hidden = actions.Count - shown.Count;
        string more = hidden > 0 ? $", {hidden} more not shown" : "";
        table.Caption($"{actions.Count} actions: {succeeded} succeeded ({cached} from cache), {failed} failed, {actions.Count - succeeded - failed} in progress{more}");
        return table;
    }

    private static string PhaseColor(ActionPhase phase) => phase switch
    {
        ActionPhase.Succeeded or ActionPhase.Recovered => "green",
        ActionPhase.Failed or ActionPhase.TimedOut => "red",
        ActionPhase.Aborted => "yellow",
        ActionPhase.Running => "blue",
        _ => "grey",
    };
}
