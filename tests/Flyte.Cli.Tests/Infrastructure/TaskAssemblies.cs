using System.Reflection;

namespace Flyte.Cli.Tests.Infrastructure;

/// <summary>The built task assemblies the tests point the CLI at (this project builds them; it does not reference them).</summary>
internal static class TaskAssemblies
{
    public static string Quickstart { get; } = Output("samples/Quickstart", "Quickstart.dll");

    public static string DataPipeline { get; } = Output("samples/DataPipeline", "DataPipeline.dll");

    public static string Training { get; } = Output("samples/Training", "Training.dll");

    public static string Scoring { get; } = Output("samples/Scoring", "Scoring.dll");

    public static string TestTasks { get; } = Output("tests/Flyte.Cli.Tests.Tasks", "Flyte.Cli.Tests.Tasks.dll");

    /// <summary>flyte-build, the build step the Flyte.Sdk package runs after every build (src/Flyte.Build).</summary>
    public static string BuildStep { get; } = Output("src/Flyte.Build", "flyte-build.dll");

    public static string QuickstartProjectFolder { get; } = Path.Combine(RepositoryPaths.Root, "samples", "Quickstart");

    private static string Output(string project, string fileName)
    {
        string path = Path.Combine(RepositoryPaths.Root, project, "bin", Metadata("Configuration"), Metadata("TargetFramework"), fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{fileName} was not built where expected", path);
    }

    private static string Metadata(string key) =>
        typeof(TaskAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
