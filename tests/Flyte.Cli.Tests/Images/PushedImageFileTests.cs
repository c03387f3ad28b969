using Flyte.Cli.Images;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Images;

namespace Flyte.Cli.Tests.Images;

/// <summary>The record of a pushed image beside a build's artifacts (<c>flyte/image.json</c>), which the CLI alone reads and writes.</summary>
public sealed class PushedImageFileTests : IDisposable
{
    private readonly TemporaryDirectory _build = new();

    public void Dispose() => _build.Dispose();

    [Fact]
    public void A_written_record_reads_back_from_the_build_folder()
    {
        var image = new PushedImage("127.0.0.1:5000/quickstart:sha-0123", CodeInImage: true);

        PushedImageFile.Write(image, PushedImageFile.ArtifactsDirectory(_build.Path));

        Assert.Equal(image, PushedImageFile.ReadForBuild(_build.Path));
        string json = File.ReadAllText(_build.Combine("flyte", "image.json"));
        Assert.Contains("\"reference\": \"127.0.0.1:5000/quickstart:sha-0123\"", json);
        Assert.Contains("\"codeInImage\": true", json);
    }

    [Fact]
    public void A_build_without_a_pushed_image_has_no_record()
    {
        Assert.Null(PushedImageFile.ReadForBuild(_build.Path));
    }

    [Theory]
    [InlineData("{ not json", "is not a pushed-image record")]
    [InlineData("{ \"reference\": \"\" }", "names no image reference")]
    public void A_broken_record_is_a_usage_error_that_names_the_file_and_the_fix(string content, string problem)
    {
        Directory.CreateDirectory(_build.Combine("flyte"));
        File.WriteAllText(_build.Combine("flyte", "image.json"), content);

        var error = Assert.Throws<UsageException>(() => PushedImageFile.ReadForBuild(_build.Path));

        Assert.Contains(_build.Combine("flyte", "image.json"), error.Message);
        Assert.Contains(problem, error.Message);
        Assert.EndsWith("push the image again", error.Message);
    }
}
