namespace Flyte.Images.Tests;

/// <summary>A temporary folder for one test, with helpers to write files into it; deleted on dispose.</summary>
internal sealed class TestDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("flyte-images-tests-").FullName;

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/> (folders created) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
