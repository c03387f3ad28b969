using Flyte.Remote;
using Flyteidl2.Workflow;

namespace Flyte.Cli.Remote;

/// <summary>Which attempt of an action a command reads: the one asked for, or the last; a number the action lacks is a usage error.</summary>
internal static class ActionAttempts
{
    /// <param name="what">What the command reads, for the error when nothing has started: "logs", "report".</param>
    public static uint Choose(RemoteRun run, string actionName, ActionDetails details, uint? requested, string what)
    {
        var attempts = details.Attempts.Select(a => a.Attempt).Order().ToList();
        if (attempts.Count == 0)
        {
            throw new UsageException($"action {actionName} of run {run.Name} has not started an attempt yet ({RemoteText.Phase(details.Status)}); there is no {what}");
        }
        uint attempt = requested ?? attempts[^1];
        if (!attempts.Contains(attempt))
        {
            throw new UsageException($"action {actionName} of run {run.Name} has no attempt {attempt}; its attempts: {string.Join(", ", attempts)}");
        }
        return attempt;
    }
}
