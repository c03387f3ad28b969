using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>
/// Values a0's messages quote stay on one line and bounded (found by fuzzing, docs/fuzzing.md): a newline in a resolver
/// name split the error, and every warning printed a whole argument, however long.
/// </summary>
public class EchoedValueTests
{
    [Fact]
    public void A_control_character_in_a_quoted_value_is_escaped()
    {
        string[] args = ["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, "--resolver", "flyte\ndotnet\r\t\u0001", "task", "A.B"];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.False(result.Succeeded);
        Assert.Equal(
            "--resolver 'flyte\\ndotnet\\r\\t\\u0001' is not a .NET resolver: use --resolver flyte-dotnet task <Class.Method>",
            result.Error);
    }

    [Fact]
    public void Warnings_quote_arguments_on_one_line()
    {
        string[] args = ["stray\nline", "--debug\r", "two\nlines", "--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver, "extra\n", "x"];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            ["ignored unexpected argument 'stray\\nline'", "ignored unknown option --debug\\r two\\nlines", "ignored unknown resolver argument 'extra\\n x'"],
            result.Warnings);
    }

    [Fact]
    public void A_long_value_is_quoted_up_to_a_bound()
    {
        string resolver = new('r', 100_000);
        string[] args = ["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, "--resolver", resolver];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.False(result.Succeeded);
        Assert.Equal(
            $"--resolver '{new string('r', 200)}…(100000 characters)' is not a .NET resolver: use --resolver flyte-dotnet task <Class.Method>",
            result.Error);
    }
}
