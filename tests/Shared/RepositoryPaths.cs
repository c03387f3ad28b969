namespace Flyte.Tests.Shared;

/// <summary>Finds the repository root (the folder holding Flyte.sln) from a test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flyte.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Flyte.sln not found above {AppContext.BaseDirectory}");
    }
}
