using Flyte.Local;

namespace Flyte.Cli.Run;

/// <summary>
/// Progress as plain lines, for logs and pipes: when the run starts, when an action retries, and
/// when each action ends. (A line per start would double a fan-out's output for little news.)
/// </summary>
internal sealed class PlainProgress : IProgress<ActionEvent>
{
    private readonly TextWriter _output;
    private readonly object _gate = new();

    public PlainProgress(TextWriter output) => _output = output;

    public void Report(ActionEvent value)
    {
        bool ended = value.Phase is ActionPhase.Succeeded or ActionPhase.Recovered or ActionPhase.Failed or ActionPhase.TimedOut or ActionPhase.Aborted;
        bool startsRunOrRetry = value.Phase == ActionPhase.Running && (value.ParentActionName is null || value.Attempt > 0);
        if (!ended && !startsRunOrRetry)
        {
            return;
        }
        string attempt = value.Attempt > 0 ? $" (attempt {value.Attempt + 1})" : "";
        string cache = value.CacheHit ? " (cache hit)" : "";
        string line = $"{value.ActionName} {value.TaskName} {ActionReport.PhaseName(value.Phase)}{attempt}{cache}";
        lock (_gate)
        {
            _output.WriteLine(line);
        }
    }
}
