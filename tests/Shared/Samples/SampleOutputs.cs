namespace Flyte.Tests.Shared;

/// <summary>
/// Output folders of the projects this test project builds (same configuration and framework as the tests): the
/// samples, and a0 itself, run from its own folder with its own deps.json, as it would be installed in an image.
/// </summary>
internal static class SampleOutputs
{
    public static string Quickstart => Folder("samples", "Quickstart", "Quickstart");

    public static string DataPipeline => Folder("samples", "DataPipeline", "DataPipeline");

    public static string Training => Folder("samples", "Training", "Training");

    /// <summary>Slow and failing tasks for the devbox tests.</summary>
    public static string DevboxTestTasks => Folder("tests", "Flyte.Devbox.Tests.Tasks", "Flyte.Devbox.Tests.Tasks");

    /// <summary>Workflows that call deployed tasks ([RemoteTask]), for the devbox tests.</summary>
    public static string DevboxRemoteCallers => Folder("tests", "Flyte.Devbox.Tests.RemoteCallers", "Flyte.Devbox.Tests.RemoteCallers");

    /// <summary>The built a0.dll. Not the copy beside the tests: their folder lacks a0's own dependencies (ASP.NET Core provides them to the tests).</summary>
    public static string A0 => Path.Combine(Folder("src", "Flyte.Runtime", "a0"), "a0.dll");

    /// <summary>The built flyte CLI (flyte.dll with its runtimeconfig), as MSBuild's Flyte targets run it.</summary>
    public static string FlyteCli => Path.Combine(Folder("src", "Flyte.Cli", "flyte"), "flyte.dll");

    private static string Folder(string parent, string project, string assembly)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testOutput.Name;
        string configuration = testOutput.Parent!.Name;
        string folder = Path.Combine(RepositoryPaths.Root, parent, project, "bin", configuration, framework);
        return File.Exists(Path.Combine(folder, assembly + ".dll")) ? folder : throw new DirectoryNotFoundException($"{project} was not built in {folder}");
    }
}
