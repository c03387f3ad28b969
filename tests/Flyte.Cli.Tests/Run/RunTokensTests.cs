using Flyte.Cli.Run;

namespace Flyte.Cli.Tests.Run;

public sealed class RunTokensTests
{
    private static readonly HashSet<string> Flags = ["--local", "--json"];
    private static readonly HashSet<string> WithValue = ["--run-dir"];

    [Theory]
    [InlineData("--local app.dll Square --x 1", "app.dll Square", "--x 1")]
    [InlineData("--local Square --x 1", "Square", "--x 1")]
    [InlineData("app.dll Square --x -1 --json --run-dir d", "app.dll Square", "--x -1")]
    [InlineData("--local true --run-dir=d app.dll Square --x=1", "app.dll Square", "--x=1")]
    [InlineData("--local app.dll Square -- --json 1", "app.dll Square", "--json 1")]
    [InlineData("--local app.dll Square extra", "app.dll Square", "extra")]
    public void Names_come_before_the_first_input_flag_and_run_options_are_recognized_anywhere(string commandLine, string names, string inputs)
    {
        var tokens = RunTokens.Split(commandLine.Split(' '), Flags, WithValue);

        Assert.Equal(names, string.Join(' ', tokens.Names));
        Assert.Equal(inputs, string.Join(' ', tokens.Inputs));
    }
}
