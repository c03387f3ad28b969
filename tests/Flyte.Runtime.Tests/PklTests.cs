using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>Pickled code bundles are a Python feature; a0 refuses them with a clear message.</summary>
public class PklTests
{
    private const string Expected =
        "--pkl is not supported: pickled code bundles are a Python feature; .NET tasks ship as a --tgz code bundle";

    [Theory]
    [InlineData("--pkl", "s3://bucket/code/task.pkl.gz")]
    [InlineData("--pkl=s3://bucket/code/task.pkl.gz")]
    [InlineData("--pkl")]
    public void Pkl_is_rejected_in_any_form(params string[] pkl)
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal(pkl), CommandLines.NoEnvironment);

        Assert.False(result.Succeeded);
        Assert.Equal(Expected, result.Error);
        Assert.Null(result.Arguments);
    }

    [Fact]
    public void Pkl_is_rejected_even_beside_a_tgz_bundle()
    {
        string error = CommandLines.ParseError(CommandLines.Minimal("--tgz", "s3://bucket/code/fast1.tar.gz", "--pkl", "s3://bucket/x.pkl"));

        Assert.Equal(Expected, error);
    }
}
