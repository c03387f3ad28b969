namespace Flyte.Cli.Tests.Infrastructure;

/// <summary>Runs the flyte command in this process with string writers, as a terminal-less script would see it.</summary>
internal static class InProcessCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await FlyteCommandLine.InvokeAsync(args, new CliConsole(output, error));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
