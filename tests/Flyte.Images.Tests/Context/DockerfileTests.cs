namespace Flyte.Images.Tests.Context;

/// <summary>The Dockerfile generated for an image, compared whole: each part of an <see cref="Image"/> and its order.</summary>
public sealed class DockerfileTests
{
    private const string Base = "127.0.0.1:5000/flyte-dotnet:10.0";

    [Fact]
    public void A_bare_image_is_its_base()
    {
        Assert.Equal($"FROM {Base}\n", ImageBuildContext.Dockerfile(Image.FromBase(Base), withApp: false));
    }

    [Fact]
    public void Packages_are_installed_in_one_layer_without_recommends_and_without_the_package_lists()
    {
        var image = Image.FromBase(Base).WithAptPackages("libgomp1", "curl=7.88.1-10+deb12u5").WithAptPackages("git");

        Assert.Equal(
            $"FROM {Base}\n"
            + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 curl=7.88.1-10+deb12u5 git && rm -rf /var/lib/apt/lists/*\n",
            ImageBuildContext.Dockerfile(image, withApp: false));
    }

    [Fact]
    public void Commands_run_after_the_packages_one_layer_each_in_order()
    {
        var image = Image.FromBase(Base).WithCommands("echo one > /one", "mkdir -p /data && chmod 777 /data").WithAptPackages("git");

        Assert.Equal(
            $"FROM {Base}\n"
            + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n"
            + "RUN echo one > /one\n"
            + "RUN mkdir -p /data && chmod 777 /data\n",
            ImageBuildContext.Dockerfile(image, withApp: false));
    }

    [Fact]
    public void Environment_values_are_quoted_with_quotes_backslashes_and_dollars_escaped_and_sorted_by_name()
    {
        var image = Image.FromBase(Base)
            .WithEnvironment("ZED", "plain")
            .WithEnvironment("QUOTED", "say \"hi\"")
            .WithEnvironment("WINDOWS", @"C:\tools\bin")
            .WithEnvironment("NOT_EXPANDED", "$HOME/${USER}")
            .WithEnvironment("EMPTY", "")
            .WithEnvironment("SPACES", "a b  c");

        Assert.Equal(
            $"FROM {Base}\n"
            + "ENV EMPTY=\"\"\n"
            + "ENV NOT_EXPANDED=\"\\$HOME/\\${USER}\"\n"
            + "ENV QUOTED=\"say \\\"hi\\\"\"\n"
            + "ENV SPACES=\"a b  c\"\n"
            + "ENV WINDOWS=\"C:\\\\tools\\\\bin\"\n"
            + "ENV ZED=\"plain\"\n",
            ImageBuildContext.Dockerfile(image, withApp: false));
    }

    [Fact]
    public void Files_are_copied_from_their_numbered_folder_to_their_destination_in_order()
    {
        var image = Image.FromBase(Base).WithFile("config/settings.json", "/etc/app/settings.json").WithFile("/abs/settings.json", "/etc/other.json");

        Assert.Equal(
            $"FROM {Base}\n"
            + "COPY files/0/settings.json /etc/app/settings.json\n"
            + "COPY files/1/settings.json /etc/other.json\n",
            ImageBuildContext.Dockerfile(image, withApp: false));
    }

    [Fact]
    public void The_app_comes_last_in_slash_app_which_is_the_working_directory()
    {
        var image = Image.FromBase(Base).WithAptPackages("git").WithCommands("true").WithEnvironment("A", "1").WithFile("f.txt", "/f.txt");

        Assert.Equal(
            $"FROM {Base}\n"
            + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n"
            + "RUN true\n"
            + "ENV A=\"1\"\n"
            + "COPY files/0/f.txt /f.txt\n"
            + "COPY app/ /app/\n"
            + "WORKDIR /app\n",
            ImageBuildContext.Dockerfile(image, withApp: true));
    }

    [Fact]
    public void There_is_no_entrypoint_nor_cmd_since_a_tasks_arguments_start_with_a0()
    {
        string dockerfile = ImageBuildContext.Dockerfile(Image.ForDotnet().WithCommands("true"), withApp: true);

        Assert.DoesNotContain("ENTRYPOINT", dockerfile);
        Assert.DoesNotContain("CMD", dockerfile);
    }
}
