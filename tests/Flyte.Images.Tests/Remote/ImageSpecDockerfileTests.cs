using Flyteidl2.Imagebuilder;

namespace Flyte.Images.Tests.Remote;

/// <summary>The Dockerfile the devbox's build-image task builds a spec from: the layers in order, one step per command, Python layers and secrets refused.</summary>
public sealed class ImageSpecDockerfileTests : IDisposable
{
    private readonly TestDirectory _project = new();

    [Fact]
    public void The_spec_of_an_image_gives_the_steps_of_its_own_Dockerfile_in_the_same_order()
    {
        _project.Write("config.txt", "x");
        _project.Write("publish/App.dll", "code");
        var image = Image.FromBase("127.0.0.1:5000/flyte-dotnet:10.0")
            .WithAptPackages("libgomp1", "jq")
            .WithCommands("echo one", "echo two > /two")
            .WithEnvironment("B_NAME", "say \"hi\" $HOME")
            .WithEnvironment("A_NAME", "1")
            .WithFile("config.txt", "/etc/config.txt");
        var spec = RemoteBuildSpec.Prepare(image, _project.Combine("publish"), _project.Path, Directory.CreateDirectory(_project.Combine("context")).FullName);

        Assert.Equal(
            """
            FROM 127.0.0.1:5000/flyte-dotnet:10.0
            RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 jq && rm -rf /var/lib/apt/lists/*
            RUN echo one
            RUN echo two > /two
            ENV A_NAME="1"
            ENV B_NAME="say \"hi\" \$HOME"
            COPY config.txt /etc/config.txt
            COPY publish /app
            WORKDIR /app

            """.ReplaceLineEndings("\n"),
            ImageSpecBuilder.Dockerfile(spec));
    }

    [Fact]
    public void A_python_layer_is_refused_in_one_line()
    {
        var spec = new ImageSpec { BaseImage = "python:3.12", Layers = { new Layer { PipPackages = new PipPackages { Packages = { "numpy" } } } } };

        var error = Assert.Throws<ImageBuildException>(() => ImageSpecBuilder.Dockerfile(spec));

        Assert.Equal("this image builder builds .NET images and does not build a PipPackages layer (a Python one)", error.Message);
    }

    [Fact]
    public void Secret_mounts_are_refused()
    {
        var commands = new Commands { Cmd = { "echo hi" } };
        commands.SecretMounts.Add(new Flyteidl2.Core.Secret { Key = "token" });
        var spec = new ImageSpec { BaseImage = "base:1", Layers = { new Layer { Commands = commands } } };

        var error = Assert.Throws<ImageBuildException>(() => ImageSpecBuilder.Dockerfile(spec));

        Assert.Equal("this image builder mounts no secrets, and the commands layer asks for 1", error.Message);
    }

    [Theory]
    [InlineData("curl; rm -rf /")]
    [InlineData("")]
    public void A_package_name_a_shell_would_read_is_refused(string package)
    {
        var spec = new ImageSpec { BaseImage = "base:1", Layers = { new Layer { AptPackages = new AptPackages { Packages = { package } } } } };

        Assert.Throws<ImageBuildException>(() => ImageSpecBuilder.Dockerfile(spec));
    }

    public void Dispose() => _project.Dispose();
}
