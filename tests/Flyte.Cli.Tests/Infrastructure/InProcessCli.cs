namespace Flyte.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the flyte command in this process with string writers, as a terminal-less script would see it, in surroundings
/// of its own (<see cref="HermeticEnvironment"/>): the user's home folder, config files and FLYTE_* or AWS_* variables are
/// never read.
/// </summary>
internal static class InProcessCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var environment = new HermeticEnvironment();
        return await RunAsync(environment.Cli, args);
    }

    public static Task<CliResult> RunAsync(CliEnvironment environment, params string[] args) =>
        RunAsync(environment, Timeout.InfiniteTimeSpan, args);

    /// <param name="timeout">After it the command is cancelled (and so fails): for commands that may hang.</param>
    public static async Task<CliResult> RunAsync(CliEnvironment environment, TimeSpan timeout, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var cancellation = new CancellationTokenSource(timeout);
        int exitCode = await FlyteCommandLine.InvokeAsync(args, new CliConsole(output, error), environment, cancellation.Token);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
