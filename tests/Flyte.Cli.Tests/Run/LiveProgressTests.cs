using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Run;

public sealed class LiveProgressTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task On_a_terminal_the_run_draws_a_live_table_of_actions_then_the_report()
    {
        var output = new StringWriter();
        var console = TerminalConsole.Over(output);
        using var environment = new HermeticEnvironment();

        int exitCode = await FlyteCommandLine.InvokeAsync(
            ["run", "--local", TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "3", "--run-dir", _scratch.Combine("run"), "--cache-dir", _scratch.Combine("cache")],
            console, environment.Cli);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Phase", text);
        Assert.Matches(@"\d+ actions: \d+ succeeded \(\d+ from cache\)", text);
        Assert.Contains("a0 quickstart.MeanOfSquares SUCCEEDED", text);
        Assert.Contains("o0: 1.6666666666666667", text);
    }
}
