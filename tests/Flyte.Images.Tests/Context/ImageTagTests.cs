using System.Text.RegularExpressions;

namespace Flyte.Images.Tests.Context;

/// <summary>The content tag: the same inputs give the same tag; any change to what goes into the image gives another.</summary>
public sealed partial class ImageTagTests : IDisposable
{
    private readonly TestDirectory _project = new();

    public ImageTagTests()
    {
        _project.Write("data/settings.json", "{\"a\":1}");
        _project.Write("publish/App.dll", "code v1");
        _project.Write("publish/sub/App.deps.json", "{}");
    }

    public void Dispose() => _project.Dispose();

    private static Image Sample() => Image.FromBase("127.0.0.1:5000/flyte-dotnet:10.0")
        .WithAptPackages("git")
        .WithCommands("echo hi > /etc/flyte-test")
        .WithEnvironment("MODE", "fast")
        .WithFile("data/settings.json", "/etc/settings.json");

    private string Tag(Image image, bool withApp = true) => ImageTag.Compute(image, withApp ? _project.Combine("publish") : null, _project.Path);

    [Fact]
    public void The_tag_is_sha_dash_and_32_lower_case_hex_digits()
    {
        Assert.Matches(TagFormat(), Tag(Sample()));
        Assert.Matches(TagFormat(), Tag(Image.ForDotnet(), withApp: false));
    }

    [Fact]
    public void The_same_inputs_give_the_same_tag_also_from_an_equal_image_built_anew()
    {
        Assert.Equal(Tag(Sample()), Tag(Sample()));
    }

    [Fact]
    public void A_changed_app_file_gives_another_tag()
    {
        string before = Tag(Sample());
        _project.Write("publish/sub/App.deps.json", "{ }");

        Assert.NotEqual(before, Tag(Sample()));
    }

    [Fact]
    public void An_added_app_file_gives_another_tag()
    {
        string before = Tag(Sample());
        _project.Write("publish/extra.txt", "");

        Assert.NotEqual(before, Tag(Sample()));
    }

    [Fact]
    public void A_changed_content_of_an_added_file_gives_another_tag()
    {
        string before = Tag(Sample());
        _project.Write("data/settings.json", "{\"a\":2}");

        Assert.NotEqual(before, Tag(Sample()));
    }

    [Fact]
    public void A_changed_environment_value_gives_another_tag()
    {
        Assert.NotEqual(Tag(Sample()), Tag(Sample().WithEnvironment("MODE", "slow")));
    }

    [Fact]
    public void A_changed_base_gives_another_tag()
    {
        var other = Image.FromBase("127.0.0.1:5000/flyte-dotnet:9.0", "9.0")
            .WithAptPackages("git").WithCommands("echo hi > /etc/flyte-test").WithEnvironment("MODE", "fast").WithFile("data/settings.json", "/etc/settings.json");

        Assert.NotEqual(Tag(Sample()), Tag(other));
    }

    [Fact]
    public void Packages_commands_file_destinations_and_the_presence_of_an_app_all_count()
    {
        string tag = Tag(Sample());

        Assert.NotEqual(tag, Tag(Sample().WithAptPackages("curl")));
        Assert.NotEqual(tag, Tag(Sample().WithCommands("true")));
        Assert.NotEqual(tag, Tag(Sample().WithFile("data/settings.json", "/etc/again.json")));
        Assert.NotEqual(tag, Tag(Sample(), withApp: false));
    }

    [Fact]
    public void Where_the_project_is_on_this_machine_does_not_count()
    {
        using var copy = new TestDirectory();
        copy.Write("data/settings.json", "{\"a\":1}");
        copy.Write("publish/App.dll", "code v1");
        copy.Write("publish/sub/App.deps.json", "{}");

        Assert.Equal(Tag(Sample()), ImageTag.Compute(Sample(), copy.Combine("publish"), copy.Path));
    }

    [GeneratedRegex("^sha-[0-9a-f]{32}$")]
    private static partial Regex TagFormat();
}
