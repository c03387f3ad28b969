namespace Flyte.Runtime.Tests;

/// <summary>Output folders of the sample projects this test project builds (same configuration and framework as the tests).</summary>
internal static class SampleOutputs
{
    public static string Quickstart => Folder("Quickstart");

    public static string DataPipeline => Folder("DataPipeline");

    private static string Folder(string sample)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testOutput.Name;
        string configuration = testOutput.Parent!.Name;
        string folder = Path.Combine(RepositoryPaths.Root, "samples", sample, "bin", configuration, framework);
        return File.Exists(Path.Combine(folder, sample + ".dll")) ? folder : throw new DirectoryNotFoundException($"{sample} was not built in {folder}");
    }
}
