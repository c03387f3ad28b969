using Flyte.Cli.Loading;
using Flyte.Cli.Remote;
using Flyte.Remote;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;

namespace Flyte.Cli.Run;

/// <summary>
/// <c>flyte run</c> on a control plane: deploys the local build if it is not deployed yet, starts the task at the local
/// build's version (local input files uploaded first), follows its actions live (or as plain lines), then prints the
/// action tree and the outputs, or the error of each action where the failure started.
/// </summary>
internal static class RemoteTaskRun
{
    public static async Task<int> RunAsync(TaskAssembly assembly, TaskDefinition task, LiteralMap inputs, RemoteOptions options, RemoteRunChoices choices,
        CliConsole console, CancellationToken cancellationToken)
    {
        using var remote = ControlPlane.Connect(options);
        string version = await LocalBuildDeployment.EnsureDeployedAsync(remote, assembly, choices, console, cancellationToken).ConfigureAwait(false);
        var run = await remote.RunAtVersionAsync(task, version, inputs, choices.RunName, cancellationToken).ConfigureAwait(false);
        if (choices.NoWait)
        {
            // The name alone on stdout, for scripts; the hint goes to stderr.
            await console.Out.WriteLineAsync(run.Name).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"started run {run.Name} of {task.Name} on {options.Endpoint}; see it at {run.Url} or with 'flyte get run {run.Name}'").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (!choices.Json)
        {
            await console.Out.WriteLineAsync($"Run {run.Name} of {task.Name} on {options.Endpoint} ({options.Project}/{options.Domain})").ConfigureAwait(false);
            await console.Out.WriteLineAsync(run.Url.ToString()).ConfigureAwait(false);
        }

        RunDetails details;
        try
        {
            details = await FollowAsync(run, console, choices.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync(
                $"stopped following run {run.Name}; it goes on: see it with 'flyte get run {run.Name}', stop it with 'flyte abort run {run.Name}'").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        var actions = await run.ListActionsAsync(cancellationToken).ConfigureAwait(false);
        var tree = ActionTree.Build(actions);
        if (!choices.Json)
        {
            RemoteReport.Write(console.Out, tree);
        }
        if (!PhaseNames.IsSuccess(details.Action.Status.Phase))
        {
            await WriteFailureAsync(console.Error, run, details, tree, cancellationToken).ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
        var outputs = await run.GetOutputsAsync(cancellationToken).ConfigureAwait(false);
        if (choices.Json)
        {
            RunResultWriter.WriteOutputsJson(console.Out, task, outputs);
        }
        else
        {
            RunResultWriter.WriteOutputs(console.Out, task, outputs);
        }
        return ExitCodes.Success;
    }

    /// <summary>Shows the actions as they change until the run ends, and returns the run as it ended.</summary>
    private static async Task<RunDetails> FollowAsync(RemoteRun run, CliConsole console, bool json, CancellationToken cancellationToken)
    {
        var board = new ActionBoard();
        bool live = console.IsTerminal && !json;
        IProgress<Local.ActionEvent>? progress = json ? null : live ? board : new PlainProgress(console.Out);
        var events = new RemoteActionEvents();

        async Task<bool> Watch()
        {
            await foreach (var action in run.WatchActionsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (events.Next(action) is { } change)
                {
                    progress?.Report(change);
                }
            }
            return true;
        }

        if (live)
        {
            await LiveProgress.ShowWhileAsync(console.Ansi ?? RunCommand.CreateAnsiConsole(console.Out), board, Watch).ConfigureAwait(false);
        }
        else
        {
            await Watch().ConfigureAwait(false);
        }
        var details = await run.GetDetailsAsync(cancellationToken).ConfigureAwait(false);
        // A control plane may end the watch before the run ends; then wait for the end itself.
        return PhaseNames.IsTerminal(details.Action.Status.Phase) ? details : await run.WaitAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's end, then each action where the failure started (a failed action none of whose children failed) with every attempt's error.</summary>
    private static async Task WriteFailureAsync(TextWriter error, RemoteRun run, RunDetails details, IReadOnlyList<ActionTree.Node> tree, CancellationToken cancellationToken)
    {
        var root = details.Action;
        // The root's first line says what ended it; the full errors (stack traces included) follow for each action where the failure started.
        string why = root.ErrorInfo is { } info ? ": " + FirstLine(RemoteText.Error(info)) : root.AbortInfo is { } abort ? ": " + abort.Reason : "";
        await error.WriteLineAsync($"run {run.Name} ended {RemoteText.Phase(root.Status)}{why}").ConfigureAwait(false);

        var origins = ActionTree.Flatten(tree)
            .Where(node => node.Depth > 0 && RemoteText.IsFailure(node.Action) && !node.Children.Any(child => RemoteText.IsFailure(child.Action)))
            .Select(node => node.Action.Id.Name)
            .DefaultIfEmpty(RemoteRun.RootActionName);
        foreach (string name in origins)
        {
            var action = await run.GetActionDetailsAsync(name, cancellationToken).ConfigureAwait(false);
            var failedAttempts = action.Attempts.Where(a => a.ErrorInfo is not null).OrderBy(a => a.Attempt).ToList();
            if (failedAttempts.Count == 0)
            {
                continue;
            }
            await error.WriteLineAsync().ConfigureAwait(false);
            await error.WriteLineAsync($"{name} {RemoteText.TaskName(action.Metadata)} {RemoteText.Phase(action.Status)}:").ConfigureAwait(false);
            foreach (var attempt in failedAttempts)
            {
                await error.WriteLineAsync($"attempt {attempt.Attempt}: {RemoteText.Error(attempt.ErrorInfo)}").ConfigureAwait(false);
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
