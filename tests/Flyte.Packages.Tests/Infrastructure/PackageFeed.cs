using System.Globalization;
using System.Reflection;

namespace Flyte.Packages.Tests.Infrastructure;

/// <summary>
/// This repository's packages in a local NuGet feed, as a release would publish them: packed once per test run from the
/// build this test project was built with (<c>dotnet pack --no-build</c>), with a version no earlier run used, so the
/// machine's package folder can never hand a user's restore an older pack. The feed, and that version's folders in the
/// package folder, are deleted when the run ends.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    /// <summary>The projects packed, each with its package id.</summary>
    public static readonly IReadOnlyList<(string Project, string PackageId)> Packages =
    [
        ("src/Flyte.Idl/Flyte.Idl.csproj", "Flyte.Idl"),
        ("src/Flyte.Sdk/Flyte.Sdk.csproj", "Flyte.Sdk"),
        ("templates/Flyte.Templates.csproj", "Flyte.Templates"),
        ("src/Flyte.Cli/Flyte.Cli.csproj", "Flyte.Cli"),
    ];

    private static readonly TimeSpan PackBound = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, string?> PackEnvironment = new()
    {
        // A build server left behind would outlive the test.
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flyte-packages-feed", Guid.NewGuid().ToString("N"));

    /// <summary>The feed: a folder of .nupkg files, NuGet's simplest source.</summary>
    public string Folder => Path.Combine(_root, "feed");

    /// <summary>The one version of every package in the feed: <c>0.0.0-test.&lt;UTC time&gt;.&lt;process id&gt;</c>.</summary>
    public string Version { get; } = string.Create(CultureInfo.InvariantCulture,
        $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}.{Environment.ProcessId}");

    /// <summary>The configuration of the build that is packed: this test project's.</summary>
    public static string Configuration { get; } = typeof(PackageFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration").Value!;

    public string PackagePath(string packageId) => Path.Combine(Folder, $"{packageId}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        foreach (var (project, packageId) in Packages)
        {
            await Task.Run(() => Pack(project, packageId));
        }
    }

    private void Pack(string project, string packageId)
    {
        string[] arguments =
        [
            "pack", Path.Combine(RepositoryPaths.Root, project), "--no-build", "-c", Configuration, "-o", Folder,
            $"-p:Version={Version}",
            // The nuspec (and what a pack writes beside it) goes with the feed, not into the project's obj/, which the solution's build owns.
            $"-p:NuspecOutputPath={Path.Combine(_root, "nuspec", packageId)}/",
        ];
        var result = ChildProcess.Run("dotnet", arguments, PackEnvironment, PackBound, RepositoryPaths.Root);
        if (result.ExitCode != 0 || !File.Exists(PackagePath(packageId)))
        {
            throw new InvalidOperationException(
                $"dotnet {string.Join(' ', arguments)} exited with {result.ExitCode} and wrote {(File.Exists(PackagePath(packageId)) ? "" : "no ")}{PackagePath(packageId)}:\n{result.Output}");
        }
    }

    public Task DisposeAsync()
    {
        foreach (var (_, packageId) in Packages)
        {
            // NuGet extracts a restored package to <package folder>/<id>/<version>, both lowercased.
            DeleteFolder(Path.Combine(UserEnvironment.PackagesFolder, packageId.ToLowerInvariant(), Version.ToLowerInvariant()));
        }
        DeleteFolder(_root);
        return Task.CompletedTask;
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the OS (the temporary folder) or a later cleanup (the package folder); no result depends on it.
        }
    }
}
