using System.CommandLine;
using Flyte.Remote;

namespace Flyte.Cli.Remote;

/// <summary>
/// <c>&lt;run&gt; [action] [--attempt N]</c>, as the commands that read one attempt of an action take them (logs, report):
/// by default the last attempt of the run's root action; a number the action lacks is a usage error that lists those
/// it has.
/// </summary>
internal sealed class ActionAttemptArguments
{
    public Argument<string> Run { get; } = new("run") { Description = "The run's name." };

    public Argument<string?> Action { get; } = new("action")
    {
        Description = $"The action's name, as 'flyte get actions' lists it (default {RemoteRun.RootActionName}).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<uint?> Attempt { get; } = new("--attempt") { HelpName = "n", Description = "Which attempt, by the control plane's number for it (default: the last; a number it lacks lists those there are)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Run);
        command.Arguments.Add(Action);
        command.Options.Add(Attempt);
    }

    /// <param name="nothingYet">The end of the error when no attempt has started: "there are no logs".</param>
    public async Task<(RemoteRun Run, string ActionName, uint Attempt)> ResolveAsync(ParseResult parse, FlyteRemote remote, string nothingYet, CancellationToken cancellationToken)
    {
        var run = remote.GetRun(parse.GetValue(Run)!);
        string actionName = parse.GetValue(Action) ?? RemoteRun.RootActionName;
        var details = await run.GetActionDetailsAsync(actionName, cancellationToken).ConfigureAwait(false);
        var attempts = details.Attempts.Select(a => a.Attempt).Order().ToList();
        if (attempts.Count == 0)
        {
            throw new UsageException($"action {actionName} of run {run.Name} has not started an attempt yet ({RemoteText.Phase(details.Status)}); {nothingYet}");
        }
        uint attempt = parse.GetValue(Attempt) ?? attempts[^1];
        if (!attempts.Contains(attempt))
        {
            throw new UsageException($"action {actionName} of run {run.Name} has no attempt {attempt}; its attempts: {string.Join(", ", attempts)}");
        }
        return (run, actionName, attempt);
    }
}
