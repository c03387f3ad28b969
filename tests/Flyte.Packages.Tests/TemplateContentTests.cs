using System.Xml.Linq;

namespace Flyte.Packages.Tests;

/// <summary>The template's source in this repository, without packing it.</summary>
public sealed class TemplateContentTests
{
    private static readonly string Content = Path.Combine(RepositoryPaths.Root, "templates", "content", "pipeline");

    /// <summary>
    /// A new project restores its other packages (xunit, the test SDK) from the package folder that this repository's own
    /// restore filled, so the template must name the versions this repository uses.
    /// </summary>
    [Fact]
    public void The_packages_a_new_project_references_besides_Flyte_are_the_versions_this_repository_uses()
    {
        var central = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        var referenced = Directory.EnumerateFiles(Content, "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => XDocument.Load(project).Descendants("PackageReference"))
            .Select(reference => (Id: (string)reference.Attribute("Include")!, Version: (string)reference.Attribute("Version")!))
            .Where(reference => !reference.Id.StartsWith("Flyte.", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, reference => Assert.True(
            central.TryGetValue(reference.Id, out string? version) && version == reference.Version,
            $"the template references {reference.Id} {reference.Version}; Directory.Packages.props has {(version is null ? "no such package" : version)}"));
    }
}
