using System.Text.Json;

namespace Flyte.Packages.Tests.Infrastructure;

/// <summary>
/// A project a user creates with <c>dotnet new flyte</c> from the feed's Flyte.Templates package, in the user's working
/// folder: the template goes into a template hive of the user's own (<c>--debug:custom-hive</c>), never the machine's,
/// and a nuget.config beside the project takes Flyte's packages from the feed and every other package from nuget.org.
/// </summary>
internal sealed class UserProject
{
    private static readonly TimeSpan TemplateBound = TimeSpan.FromMinutes(3);

    private readonly UserEnvironment _user;

    private UserProject(UserEnvironment user, string directory)
    {
        _user = user;
        Directory = directory;
    }

    /// <summary>The folder <c>dotnet new</c> created: the solution, its two projects, .flyte/ and the README.</summary>
    public string Directory { get; }

    public string Combine(params string[] parts) => Path.Combine([Directory, .. parts]);

    /// <summary>Installs the feed's template for <paramref name="user"/> and creates project <paramref name="name"/> with it.</summary>
    public static UserProject Create(PackageFeed feed, UserEnvironment user, string name)
    {
        File.WriteAllText(Path.Combine(user.WorkingDirectory, "nuget.config"), NuGetConfig(feed.Folder));
        string hive = Path.Combine(user.Root, "template-hive");
        user.Dotnet(user.WorkingDirectory, TemplateBound, "new", "install", feed.PackagePath("Flyte.Templates"), "--debug:custom-hive", hive);
        user.Dotnet(user.WorkingDirectory, TemplateBound, "new", "flyte", "-n", name, "--debug:custom-hive", hive);
        return new UserProject(user, Path.Combine(user.WorkingDirectory, name));
    }

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in the project's folder; fails the test with its output unless it succeeds.</summary>
    public string Dotnet(TimeSpan timeout, params string[] arguments) => _user.Dotnet(Directory, timeout, arguments);

    /// <summary>The version of <paramref name="packageId"/> that NuGet restored for <paramref name="project"/> (from its obj/project.assets.json).</summary>
    public string RestoredVersion(string project, string packageId)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Combine(project, "obj", "project.assets.json")));
        var versions = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name.Split('/'))
            .Where(idAndVersion => string.Equals(idAndVersion[0], packageId, StringComparison.OrdinalIgnoreCase))
            .Select(idAndVersion => idAndVersion[1])
            .ToList();
        return Assert.Single(versions);
    }

    /// <summary>
    /// The feed for Flyte's packages and nuget.org for the rest, mapped so that a Flyte package is looked up in the feed
    /// alone (nuget.org is never asked for a test version); the rest are found in the machine's package folder.
    /// </summary>
    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="flyte-test-feed" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="flyte-test-feed">
              <package pattern="Flyte.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;
}
