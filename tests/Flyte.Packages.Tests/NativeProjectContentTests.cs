using System.Xml.Linq;

namespace Flyte.Packages.Tests;

/// <summary>src/Flyte.Runtime.Native as the Flyte.Sdk package carries it (native/), read without packing it.</summary>
public sealed class NativeProjectContentTests
{
    /// <summary>
    /// Beside a user's project there is no central package management, so the packed native project names its package
    /// versions itself; they must be the ones a0 is built and tested with here.
    /// </summary>
    [Fact]
    public void The_versions_the_packed_native_project_names_are_this_repository_s()
    {
        var central = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        var named = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Flyte.Runtime.Native", "Flyte.Runtime.Native.csproj"))
            .Descendants("PackageReference")
            .Where(reference => reference.Attribute("Version") is not null)
            .Select(reference => (Id: (string)reference.Attribute("Include")!, Version: (string)reference.Attribute("Version")!))
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, reference => Assert.True(
            central.TryGetValue(reference.Id, out string? version) && version == reference.Version,
            $"the native project names {reference.Id} {reference.Version}; Directory.Packages.props has {(version is null ? "no such package" : version)}"));
    }
}
