using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>The executor may add options a0 does not know; they are warned about, never fatal.</summary>
public class UnknownOptionTests
{
    [Fact]
    public void Unknown_option_with_a_value_is_warned_and_parsing_continues()
    {
        // flyte-sdk's debug command line adds these.
        string[] args =
        [
            "--inputs", CommandLines.Inputs,
            "--debug", "False",
            "--interactive-mode", "True",
            "--outputs-path", CommandLines.OutputsPath,
            .. CommandLines.Resolver,
        ];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["ignored unknown option --debug False", "ignored unknown option --interactive-mode True"], result.Warnings);
        Assert.Equal(CommandLines.OutputsPath, result.Arguments.OutputsPath);
    }

    [Fact]
    public void Unknown_flag_does_not_swallow_the_next_option()
    {
        string[] args = ["--dry-run", "--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["ignored unknown option --dry-run"], result.Warnings);
        Assert.Equal(CommandLines.Inputs, result.Arguments.Inputs);
    }

    [Fact]
    public void Unknown_option_in_the_inline_form_is_warned_with_its_value()
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal("--controller-mode=remote"), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["ignored unknown option --controller-mode remote"], result.Warnings);
    }

    [Fact]
    public void Stray_positional_argument_is_warned()
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal("--version", "v1", "stray"), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("v1", result.Arguments.Version);
        Assert.Equal(["ignored unexpected argument 'stray'"], result.Warnings);
    }

    [Fact]
    public void Option_names_are_case_sensitive()
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal("--Version", "v1"), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Arguments.Version);
        Assert.Equal(["ignored unknown option --Version v1"], result.Warnings);
    }
}
