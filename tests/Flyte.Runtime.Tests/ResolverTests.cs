using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>Everything after the resolver name belongs to the resolver; ours names the task.</summary>
public class ResolverTests
{
    private static readonly string[] Required = ["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath];

    [Fact]
    public void Trailing_arguments_belong_to_the_resolver_even_when_they_look_like_options()
    {
        string[] args = [.. Required, "--resolver", "flyte-dotnet", "task", "Quickstart.Square", "--inputs", "elsewhere", "--pkl", "x"];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["task", "Quickstart.Square", "--inputs", "elsewhere", "--pkl", "x"], result.Arguments.ResolverArgs);
        Assert.Equal(CommandLines.Inputs, result.Arguments.Inputs);
        Assert.Equal("Quickstart.Square", result.Arguments.TaskName);
        Assert.Equal(["ignored unknown resolver argument '--inputs elsewhere'", "ignored unknown resolver argument '--pkl x'"], result.Warnings);
    }

    [Fact]
    public void Task_may_come_after_the_assembly_argument()
    {
        string[] args = [.. Required, "--resolver", "flyte-dotnet", "assembly", "Quickstart.dll", "task", "Quickstart.MeanOfSquares"];

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Quickstart.MeanOfSquares", result.Arguments.TaskName);
        Assert.Equal(["assembly", "Quickstart.dll", "task", "Quickstart.MeanOfSquares"], result.Arguments.ResolverArgs);
        Assert.Equal("Quickstart.dll", result.Arguments.AssemblyName);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Double_dash_separator_before_resolver_arguments_is_tolerated()
    {
        A0Arguments a = CommandLines.ParseOk([.. Required, "--resolver", "flyte-dotnet", "--", "task", "Quickstart.Square"]);

        Assert.Equal("Quickstart.Square", a.TaskName);
        Assert.Equal(["--", "task", "Quickstart.Square"], a.ResolverArgs);
    }

    [Fact]
    public void Options_before_the_resolver_are_still_parsed_wherever_they_are()
    {
        A0Arguments a = CommandLines.ParseOk(["--version", "v9", .. Required, "--org", "acme", .. CommandLines.Resolver]);

        Assert.Equal("v9", a.Version);
        Assert.Equal("acme", a.Org);
    }

    [Fact]
    public void Python_resolver_is_rejected()
    {
        string error = CommandLines.ParseError(
        [
            .. Required, "--resolver", "flyte._internal.resolvers.default.DefaultTaskResolver",
            "mod", "hello", "instance", "say_hello",
        ]);

        Assert.Equal(
            "--resolver 'flyte._internal.resolvers.default.DefaultTaskResolver' is not a .NET resolver: use --resolver flyte-dotnet task <Class.Method>",
            error);
    }

    [Fact]
    public void Resolver_without_a_name_needs_a_value()
    {
        string error = CommandLines.ParseError([.. Required, "--resolver"]);

        Assert.Equal("--resolver needs a value: --resolver <value> or --resolver=<value>", error);
    }
}
