namespace Flyte.Images.Tests.Context;

/// <summary>The build context on disk: the Dockerfile, each file under files/&lt;n&gt;/, the app under app/, and gone on dispose.</summary>
public sealed class ImageBuildContextTests
{
    [Fact]
    public void The_context_holds_the_dockerfile_the_numbered_files_and_the_app()
    {
        using var project = new TestDirectory();
        project.Write("data/settings.json", "{}");
        string absolute = project.Write("elsewhere/settings.json", "{\"other\":1}");
        project.Write("publish/App.dll", "dll");
        project.Write("publish/runtimes/linux-x64/native.so", "so");
        var image = Image.FromBase("base:1").WithFile("data/settings.json", "/etc/a.json").WithFile(absolute, "/etc/b.json");

        using var context = ImageBuildContext.Create(image, project.Combine("publish"), project.Path);

        Assert.Equal(ImageBuildContext.Dockerfile(image, withApp: true), File.ReadAllText(context.DockerfilePath));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(context.Directory, "files", "0", "settings.json")));
        Assert.Equal("{\"other\":1}", File.ReadAllText(Path.Combine(context.Directory, "files", "1", "settings.json")));
        Assert.Equal("dll", File.ReadAllText(Path.Combine(context.Directory, "app", "App.dll")));
        Assert.Equal("so", File.ReadAllText(Path.Combine(context.Directory, "app", "runtimes", "linux-x64", "native.so")));
    }

    [Fact]
    public void Without_an_app_there_is_no_app_folder_and_disposing_deletes_the_context()
    {
        using var project = new TestDirectory();
        var context = ImageBuildContext.Create(Image.FromBase("base:1"), appDirectory: null, project.Path);

        Assert.False(Directory.Exists(Path.Combine(context.Directory, "app")));
        Assert.Equal("FROM base:1\n", File.ReadAllText(context.DockerfilePath));
        context.Dispose();
        Assert.False(Directory.Exists(context.Directory));
    }

    [Fact]
    public void A_missing_file_fails_with_its_source_and_destination()
    {
        using var project = new TestDirectory();
        var image = Image.FromBase("base:1").WithFile("missing.txt", "/etc/missing.txt");

        var error = Assert.Throws<FileNotFoundException>(() => ImageBuildContext.Create(image, null, project.Path));

        Assert.Contains("missing.txt (to /etc/missing.txt)", error.Message);
    }
}
