using Flyte.Generation;
using Flyte.Runtime.CommandLine;
using Flyte.Tasks;

namespace Flyte.Runtime.Tests;

/// <summary>The command line the SDK writes into every task template is one a0 reads without a warning.</summary>
public class SdkContractTests
{
    private static readonly TaskDeclaration Square = new()
    {
        Name = "quickstart.Square",
        ShortName = "Square",
        EnvironmentName = "quickstart",
        MethodName = "Samples.Quickstart.Square",
        AssemblyName = "Quickstart",
        Policy = new TaskPolicy(),
    };

    /// <summary>What the Flyte executor substitutes; run and action names stay templates and arrive in the environment.</summary>
    private static readonly Dictionary<string, string> Substitutions = new()
    {
        [ContainerPlaceholders.Input] = "s3://bucket/r1/a0/inputs.pb",
        [ContainerPlaceholders.OutputPrefix] = "s3://bucket/r1/a0/0",
        [ContainerPlaceholders.RawOutputDataPrefix] = "s3://bucket/raw/r1",
        [ContainerPlaceholders.CheckpointOutputPrefix] = "s3://bucket/r1/a0/0/_flytecheckpoints",
        [ContainerPlaceholders.PrevCheckpointPrefix] = "",
        [ContainerPlaceholders.RunStartTime] = "2026-11-27T20:23:52Z",
    };

    [Fact]
    public void Template_args_after_substitution_parse_cleanly()
    {
        var settings = new TaskTemplateSettings { Version = "abc123", CodeBundleUri = "s3://bucket/fastabc123.tar.gz" };
        string[] args = ContainerPlaceholders.Render(ContainerArguments.For(Square, settings), Substitutions).ToArray();
        var environment = CommandLines.Environment(("RUN_NAME", "r1"), ("ACTION_NAME", "a0"), ("_U_RUN_BASE", "s3://bucket/r1"), ("_U_ORG_NAME", "org"));

        Assert.Equal("a0", args[0]);
        A0ParseResult result = A0ArgumentParser.Parse(args[1..], environment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Warnings);
        A0Arguments a = result.Arguments;
        Assert.Equal("quickstart.Square", a.TaskName);
        Assert.Equal("Quickstart", a.AssemblyName);
        Assert.Equal("s3://bucket/r1/a0/inputs.pb", a.Inputs);
        Assert.Equal("s3://bucket/r1/a0/0", a.OutputsPath);
        Assert.Equal("abc123", a.Version);
        Assert.Equal("s3://bucket/fastabc123.tar.gz", a.CodeBundle);
        Assert.Equal(".", a.CodeBundleDestination);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 20, 23, 52, TimeSpan.Zero), a.RunStartTime);
        Assert.Equal("r1", a.RunName);
        Assert.Equal("a0", a.ActionName);
        Assert.Null(a.PrevCheckpoint);
    }
}
