using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Flyte.Cli.Cache;
using Flyte.Cli.Config;
using Flyte.Cli.Deploy;
using Flyte.Cli.Devbox;
using Flyte.Cli.Generate;
using Flyte.Cli.Images;
using Flyte.Cli.Remote;
using Flyte.Cli.Run;
using Flyte.Cli.Serialize;

namespace Flyte.Cli;

/// <summary>
/// The <c>flyte</c> command line: <c>run</c>, <c>serialize</c>, <c>deploy</c>. Callable in-process
/// with any writers and surroundings (<see cref="CliEnvironment"/>), which is how the tests drive it. Exit codes are <see cref="ExitCodes"/>.
/// </summary>
public static class FlyteCommandLine
{
    /// <summary>Runs a command in this process's surroundings: its variables, home folder and working directory.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default) =>
        InvokeAsync(args, console, CliEnvironment.FromProcess(), cancellationToken);

    /// <summary>Runs a command that reads its config, variables, home folder and relative paths from <paramref name="environment"/> alone.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CliConsole console, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(environment);
        var run = new RunCommand(environment);
        var serialize = new SerializeCommand(environment);
        var deploy = new DeployCommand(environment);
        var cache = new CacheCommand(environment);
        var createConfig = new CreateConfigCommand(environment);
        var devbox = new DevboxCommand(environment);
        var get = new GetCommand(environment);
        var abort = new AbortCommand(environment);
        var image = new ImageCommand(environment);
        var login = new LoginCommand(environment);
        var logout = new LogoutCommand(environment);
        var createSecret = new CreateSecretCommand(environment);
        var delete = new DeleteSecretCommand(environment);
        var deleteTrigger = new DeleteTriggerCommand(environment);
        var update = new UpdateTriggerCommand(environment);
        var generate = new GenerateCommand(environment);
        createConfig.Command.Subcommands.Add(createSecret.Command);
        delete.Command.Subcommands.Add(deleteTrigger.Trigger);
        var root = new RootCommand("flyte: run Flyte tasks written in C# locally, serialize them for registration, and deploy them.")
        {
            run.Command, serialize.Command, deploy.Command, cache.Command, devbox.Command, createConfig.Command,
        };
        root.Subcommands.Add(get.Command);
        root.Subcommands.Add(abort.Command);
        root.Subcommands.Add(image.Command);
        root.Subcommands.Add(login.Command);
        root.Subcommands.Add(logout.Command);
        root.Subcommands.Add(delete.Command);
        root.Subcommands.Add(update.Command);
        root.Subcommands.Add(generate.Command);
        // An input value may start with '@'; it is a value, not a response file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = parse.CommandResult.Command;
        bool helpRequested = parse.Action is HelpAction;
        try
        {
            if (command == run.Command && helpRequested && run.NamesATask(args))
            {
                return await run.InvokeAsync(parse, args, console, helpRequested: true, cancellationToken).ConfigureAwait(false);
            }
            if (helpRequested || (parse.Errors.Count == 0 && command == root))
            {
                return await ShowBuiltInAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (parse.Errors.Count > 0)
            {
                string errors = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')).Distinct());
                throw new UsageException($"{errors} (see 'flyte {CommandPath(parse.CommandResult)}--help')");
            }
            if (command == run.Command)
            {
                return await run.InvokeAsync(parse, args, console, helpRequested: false, cancellationToken).ConfigureAwait(false);
            }
            if (command == serialize.Command)
            {
                return await serialize.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == image.Push)
            {
                return await image.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == devbox.Start)
            {
                return await devbox.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == createSecret.Command)
            {
                return await createSecret.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == delete.Secret)
            {
                return await delete.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == generate.RemoteTask)
            {
                return await generate.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == deleteTrigger.Trigger)
            {
                return await deleteTrigger.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == update.Trigger)
            {
                return await update.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == createConfig.Config)
            {
                return createConfig.Invoke(parse, console);
            }
            if (command == cache.Clear)
            {
                return cache.Invoke(parse, console);
            }
            if (get.Handles(command))
            {
                return await get.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == login.Command)
            {
                return await login.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            if (command == logout.Command)
            {
                return logout.Invoke(parse, console);
            }
            if (command == abort.Run)
            {
                return await abort.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
            }
            return await deploy.InvokeAsync(parse, console, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync("flyte: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be written or a file that cannot be read: the user's to fix, so no stack trace.
            await console.Error.WriteLineAsync("flyte: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    /// <summary>The words after <c>flyte</c> that name the command, each followed by a space: <c>"delete trigger "</c>, or <c>""</c> for the root.</summary>
    private static string CommandPath(CommandResult? result)
    {
        string path = "";
        for (; result is not null && result.Command is not RootCommand; result = result.Parent as CommandResult)
        {
            path = result.Command.Name + " " + path;
        }
        return path;
    }

    /// <summary>Help and --version, as System.CommandLine writes them.</summary>
    private static Task<int> ShowBuiltInAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) =>
        parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
}
