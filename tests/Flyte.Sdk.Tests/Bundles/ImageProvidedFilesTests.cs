using Flyte.Bundles;

namespace Flyte.Sdk.Tests.Bundles;

/// <summary>A bundle leaves out what the task image's a0 provides: Flyte.Sdk and its dependencies (docs/bundles.md).</summary>
public sealed class ImageProvidedFilesTests
{
    // The shape `dotnet build` writes: the app, Flyte.Sdk as a package, Flyte.Sdk's dependencies (one of them raised by
    // the app to a newer version, one with RID-specific files and a satellite assembly), and a library of the app's own.
    private const string DepsJson = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0" },
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "MyPipeline/1.0.0": {
                "dependencies": { "Flyte.Sdk": "0.3.0", "Humanizer.Core": "2.14.1", "Google.Protobuf": "3.31.0" },
                "runtime": { "MyPipeline.dll": {} }
              },
              "Flyte.Sdk/0.3.0": {
                "dependencies": { "Flyte.Idl": "0.3.0", "Google.Protobuf": "3.30.0", "System.Management": "7.0.2" },
                "runtime": { "lib/net10.0/Flyte.Sdk.dll": {} }
              },
              "Flyte.Idl/0.3.0": {
                "dependencies": { "Google.Protobuf": "3.30.0" },
                "runtime": { "lib/net10.0/Flyte.Idl.dll": {} }
              },
              "Google.Protobuf/3.31.0": { "runtime": { "lib/net5.0/Google.Protobuf.dll": {} } },
              "System.Management/7.0.2": {
                "runtime": { "lib/net7.0/System.Management.dll": {} },
                "runtimeTargets": { "runtimes/win/lib/net7.0/System.Management.dll": { "rid": "win", "assetType": "runtime" } },
                "resources": { "lib/net7.0/de/System.Management.resources.dll": { "locale": "de" } }
              },
              "Humanizer.Core/2.14.1": { "runtime": { "lib/net6.0/Humanizer.dll": {} } }
            }
          },
          "libraries": {}
        }
        """;

    [Fact]
    public async Task The_bundle_holds_the_app_and_its_own_libraries_but_not_the_sdk_and_its_dependencies()
    {
        using var temp = new TempFolder();
        temp.Write("out/MyPipeline.deps.json", DepsJson);
        foreach (string file in (string[])[
            "MyPipeline.dll", "MyPipeline.pdb", "MyPipeline.runtimeconfig.json", "Humanizer.dll", "appsettings.json",
            "Flyte.Sdk.dll", "Flyte.Sdk.xml", "Flyte.Idl.dll", "Flyte.Idl.pdb", "Google.Protobuf.dll", "System.Management.dll",
            "runtimes/win/lib/net7.0/System.Management.dll", "de/System.Management.resources.dll", "de/Humanizer.resources.dll",
            "data/cities.csv"])
        {
            temp.Write("out/" + file, file);
        }

        var output = new MemoryStream();
        await CodeBundle.CreateAsync(temp["out"], output);

        Assert.Equal(
            ["Humanizer.dll", "MyPipeline.deps.json", "MyPipeline.dll", "MyPipeline.pdb", "MyPipeline.runtimeconfig.json", "appsettings.json",
             "data/", "data/cities.csv", "de/", "de/Humanizer.resources.dll"],
            Tars.Entries(output.ToArray()).Select(e => e.Name).ToList());
    }

    [Fact]
    public async Task A_folder_without_a_deps_json_naming_flyte_sdk_is_bundled_whole()
    {
        using var temp = new TempFolder();
        temp.Write("out/Other.deps.json", """{ "targets": { "t": { "Other/1.0.0": { "runtime": { "Other.dll": {} } } } } }""");
        temp.Write("out/Other.dll", "x");
        temp.Write("out/Google.Protobuf.dll", "x");

        var output = new MemoryStream();
        await CodeBundle.CreateAsync(temp["out"], output);

        Assert.Equal(["Google.Protobuf.dll", "Other.deps.json", "Other.dll"], Tars.Entries(output.ToArray()).Select(e => e.Name).ToList());
    }

    [Fact]
    public async Task An_unreadable_deps_json_is_a_clear_error()
    {
        using var temp = new TempFolder();
        temp.Write("out/MyPipeline.deps.json", "{ not json");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => CodeBundle.CreateAsync(temp["out"], new MemoryStream()));

        Assert.Contains("MyPipeline.deps.json is not a readable deps.json", e.Message);
        Assert.Contains("rebuild the project", e.Message);
    }

    [Fact]
    public void In_a_real_build_output_the_sdk_closure_is_provided_and_the_project_and_its_other_packages_are_not()
    {
        // This test project's own output: a deps.json written by the SDK's build, Flyte.Sdk as a project reference.
        var provided = ImageProvidedFiles.Find(AppContext.BaseDirectory);

        Assert.Contains("Flyte.Sdk.dll", provided);
        Assert.Contains("Flyte.Idl.dll", provided);
        Assert.Contains("Google.Protobuf.dll", provided);
        Assert.Contains("AWSSDK.S3.dll", provided);
        Assert.DoesNotContain("Flyte.Sdk.Tests.dll", provided);
        Assert.DoesNotContain(provided, file => file.StartsWith("xunit", StringComparison.OrdinalIgnoreCase));
    }
}
