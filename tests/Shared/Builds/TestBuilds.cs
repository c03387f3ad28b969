namespace Flyte.Tests.Shared;

/// <summary>
/// Builds and publishes that tests run themselves go into an output folder of their own, never into the projects' bin/
/// and obj/: those are the solution build's, and other test assemblies read them (and restore into them) at the same
/// time. Each folder is MSBuild's ArtifactsPath (<c>dotnet build --artifacts-path</c>) for the project and every project
/// it references, under <c>artifacts/test-builds/&lt;name&gt;</c> of this clone. Test assemblies that want the same
/// folder take turns on its lock: the first builds, the next finds the build up to date and MSBuild does nothing.
/// </summary>
internal static class TestBuilds
{
    /// <summary>Debug builds of the samples, by the CLI's <c>--artifacts-path</c>.</summary>
    public const string Debug = "debug";

    /// <summary>Release builds and publishes: the native a0, the sample's pushed image.</summary>
    public const string Release = "release";

    private static readonly TimeSpan LockBound = TimeSpan.FromMinutes(30);

    public static string Folder(string name) => Path.Combine(RepositoryPaths.Root, "artifacts", "test-builds", name);

    /// <summary>Where the artifacts layout puts a project's build output: <c>bin/&lt;project&gt;/&lt;configuration, lowercased&gt;</c>.</summary>
    public static string Output(string name, string project, string configuration) =>
        Path.Combine(Folder(name), "bin", project, configuration.ToLowerInvariant());

    /// <summary>The turn on folder <paramref name="name"/>: hold it while building there.</summary>
    public static Task<FileLock> LockAsync(string name) =>
        FileLock.AcquireAsync(FileLock.ForFolder(Folder(name)), LockBound, $"the test build folder {Folder(name)}");

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> with folder <paramref name="name"/> as its ArtifactsPath, holding its lock.</summary>
    public static async Task<ChildProcess.Result> DotnetAsync(string name, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using (await LockAsync(name))
        {
            return await Task.Run(() => ChildProcess.Run("dotnet", arguments, Environment(name), timeout));
        }
    }

    private static Dictionary<string, string?> Environment(string name) => new()
    {
        // MSBuild reads environment variables as properties, so the dotnet commands a build runs in turn (the
        // FlytePushImage target's `flyte image push --native-a0` publishes a0) build into the same folder.
        ["ArtifactsPath"] = Folder(name),
        // A build server left behind would outlive the test.
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };
}
