namespace Flyte.Fuzz;

/// <summary>A fresh folder under the system's temporary folder for one input, removed with everything in it.</summary>
public sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Path = Directory.CreateTempSubdirectory("flyte-fuzz-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        // Links are removed, never followed, by a recursive delete.
        Directory.Delete(Path, recursive: true);
    }
}
