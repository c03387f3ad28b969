using Flyte.Cli.Deploy;
using Flyte.Cli.Images;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Images;

namespace Flyte.Cli.Tests.Deploy;

/// <summary>
/// Which build of a project <c>flyte deploy</c> takes, after <c>dotnet publish -p:FlytePushImage=true</c> pushed an image
/// for the Release build. The project's outputs are asked of MSBuild under an artifacts folder of the test's own
/// (<c>bin/&lt;project&gt;/&lt;configuration&gt;/</c>), where the test writes the image records a push leaves.
/// </summary>
public sealed class DeployConfigurationTests : IDisposable
{
    private static readonly string Project = Path.Combine(TaskAssemblies.QuickstartProjectFolder, "Quickstart.csproj");

    private readonly HermeticEnvironment _environment = new();
    private readonly TemporaryDirectory _artifacts = new();

    public void Dispose()
    {
        _artifacts.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task Without_a_pushed_image_the_default_build_is_deployed()
    {
        var (configuration, explanation) = await ChooseAsync(requested: null);

        Assert.Null(configuration);
        Assert.Null(explanation);
    }

    [Fact]
    public async Task An_image_pushed_for_the_Release_build_alone_makes_the_deploy_take_that_build_and_say_so()
    {
        RecordPushedImage("release", "127.0.0.1:5000/quickstart:sha-1");

        var (configuration, explanation) = await ChooseAsync(requested: null);

        Assert.Equal("Release", configuration);
        Assert.Equal("Deploying the Release build: 'dotnet publish -p:FlytePushImage=true' pushed 127.0.0.1:5000/quickstart:sha-1 for it, "
            + "and its tasks run in that image (-c Debug deploys the Debug build, in the base image).", explanation);
    }

    [Fact]
    public async Task With_an_image_pushed_for_the_default_build_too_the_default_build_is_deployed()
    {
        RecordPushedImage("release", "127.0.0.1:5000/quickstart:sha-1");
        RecordPushedImage("debug", "127.0.0.1:5000/quickstart:sha-2");

        var (configuration, explanation) = await ChooseAsync(requested: null);

        Assert.Null(configuration);
        Assert.Null(explanation);
    }

    [Fact]
    public async Task A_configuration_the_user_names_is_taken_as_it_is()
    {
        RecordPushedImage("release", "127.0.0.1:5000/quickstart:sha-1");

        var (configuration, explanation) = await ChooseAsync(requested: "Debug");

        Assert.Equal("Debug", configuration);
        Assert.Null(explanation);
    }

    private Task<(string? Configuration, string? Explanation)> ChooseAsync(string? requested) =>
        DeployConfiguration.ChooseAsync(Project, requested, _artifacts.Path, _environment.Cli, CancellationToken.None);

    /// <summary>What <c>flyte image push</c> leaves beside a build's task specs.</summary>
    private void RecordPushedImage(string configuration, string reference) =>
        PushedImageFile.Write(new PushedImage(reference), _artifacts.Combine("bin", "Quickstart", configuration, "flyte"));
}
