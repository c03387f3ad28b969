using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>Command lines and environments for the parser tests.</summary>
internal static class CommandLines
{
    public const string Inputs = "s3://bucket/runs/r1/a0/inputs.pb";
    public const string OutputsPath = "s3://bucket/runs/r1/a0/0";
    public const string Task = "Quickstart.Square";

    public static readonly string[] Resolver = ["--resolver", "flyte-dotnet", "task", Task];

    /// <summary>The required options, then <paramref name="extra"/>, then the resolver and its arguments.</summary>
    public static string[] Minimal(params string[] extra) =>
        ["--inputs", Inputs, "--outputs-path", OutputsPath, .. extra, .. Resolver];

    public static Func<string, string?> NoEnvironment { get; } = _ => null;

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    public static A0Arguments ParseOk(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        A0ParseResult result = A0ArgumentParser.Parse(args, environment ?? NoEnvironment);
        Assert.True(result.Succeeded, $"expected success, got: {result.Error}");
        return result.Arguments;
    }

    public static string ParseError(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        A0ParseResult result = A0ArgumentParser.Parse(args, environment ?? NoEnvironment);
        Assert.False(result.Succeeded, "expected a parse error");
        Assert.DoesNotContain('\n', result.Error);
        return result.Error;
    }
}
