using System.CommandLine;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get tasks | runs | run | actions | logs | report | secrets | triggers</c>: what is on the control plane.</summary>
internal sealed class GetCommand
{
    private readonly GetRunsCommand _runs;
    private readonly GetRunCommand _run;
    private readonly GetActionsCommand _actions;
    private readonly GetLogsCommand _logs;
    private readonly GetReportCommand _report;
    private readonly GetSecretsCommand _secrets;
    private readonly GetTriggersCommand _triggers;
    private readonly GetTasksCommand _tasks;

    public GetCommand(CliEnvironment environment)
    {
        _runs = new GetRunsCommand(environment);
        _run = new GetRunCommand(environment);
        _actions = new GetActionsCommand(environment);
        _logs = new GetLogsCommand(environment);
        _report = new GetReportCommand(environment);
        _secrets = new GetSecretsCommand(environment);
        _triggers = new GetTriggersCommand(environment);
        _tasks = new GetTasksCommand(environment);
        Command = new Command("get", "Show deployed tasks, runs, a run, its actions, their logs or reports, secrets or triggers from the control plane.")
        {
            _tasks.Command, _runs.Command, _run.Command, _actions.Command, _logs.Command, _report.Command, _secrets.Command, _triggers.Command,
        };
    }

    public Command Command { get; }

    public bool Handles(Command command) =>
        command == _runs.Command || command == _run.Command || command == _actions.Command || command == _logs.Command || command == _report.Command || command == _secrets.Command
        || command == _triggers.Command || command == _tasks.Command;

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var command = parse.CommandResult.Command;
        if (command == _runs.Command)
        {
            return _runs.InvokeAsync(parse, console, cancellationToken);
        }
        if (command == _run.Command)
        {
            return _run.InvokeAsync(parse, console, cancellationToken);
        }
        if (command == _actions.Command)
        {
            return _actions.InvokeAsync(parse, console, cancellationToken);
        }
        if (command == _secrets.Command)
        {
            return _secrets.InvokeAsync(parse, console, cancellationToken);
        }
        if (command == _tasks.Command)
        {
            return _tasks.InvokeAsync(parse, console, cancellationToken);
        }
        if (command == _triggers.Command)
        {
            return _triggers.InvokeAsync(parse, console, cancellationToken);
        }
        if (command == _report.Command)
        {
            return _report.InvokeAsync(parse, console, cancellationToken);
        }
        return _logs.InvokeAsync(parse, console, cancellationToken);
    }
}
