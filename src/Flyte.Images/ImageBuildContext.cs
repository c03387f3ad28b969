using System.Text;

namespace Flyte.Images;

/// <summary>
/// A build context on disk for an <see cref="Image"/>: a Dockerfile and what it copies (files/&lt;n&gt;/&lt;name&gt;, app/).
/// The Docker and Kubernetes builders build from it; it has no ENTRYPOINT (a task's container args start with <c>a0</c>).
/// </summary>
public sealed class ImageBuildContext : IDisposable
{
    private ImageBuildContext(string directory) => Directory = directory;

    /// <summary>The folder holding the Dockerfile and its files; deleted on dispose.</summary>
    public string Directory { get; }

    public string DockerfilePath => Path.Combine(Directory, "Dockerfile");

    /// <param name="appDirectory">The published code, copied to /app (the working directory); null for none.</param>
    /// <param name="projectDirectory">What relative file sources are relative to.</param>
    public static ImageBuildContext Create(Image image, string? appDirectory, string projectDirectory)
    {
        var context = new ImageBuildContext(System.IO.Directory.CreateTempSubdirectory("flyte-image-").FullName);
        try
        {
            for (int i = 0; i < image.Files.Length; i++)
            {
                string source = SourcePath(image.Files[i], projectDirectory);
                string target = Path.Combine(context.Directory, "files", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(source));
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
            if (appDirectory is not null)
            {
                FolderCopy.Copy(appDirectory, Path.Combine(context.Directory, "app"));
            }
            File.WriteAllText(context.DockerfilePath, Dockerfile(image, appDirectory is not null), new UTF8Encoding(false));
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>The Dockerfile of <paramref name="image"/>, with the code in /app when <paramref name="withApp"/>.</summary>
    public static string Dockerfile(Image image, bool withApp)
    {
        var text = new StringBuilder();
        text.Append("FROM ").Append(image.BaseImage).Append('\n');
        if (image.AptPackages.Length > 0)
        {
            text.Append("RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ")
                .AppendJoin(' ', image.AptPackages).Append(" && rm -rf /var/lib/apt/lists/*\n");
        }
        foreach (string command in image.Commands)
        {
            text.Append("RUN ").Append(command).Append('\n');
        }
        foreach (var (name, value) in image.Environment)
        {
            text.Append("ENV ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        }
        for (int i = 0; i < image.Files.Length; i++)
        {
            text.Append("COPY files/").Append(i).Append('/').Append(Path.GetFileName(image.Files[i].Source)).Append(' ').Append(image.Files[i].Destination).Append('\n');
        }
        if (withApp)
        {
            text.Append("COPY app/ /app/\n");
            text.Append("WORKDIR /app\n");
        }
        return text.ToString();
    }

    internal static string SourcePath(ImageFile file, string projectDirectory)
    {
        string path = Path.GetFullPath(file.Source, projectDirectory);
        return File.Exists(path) ? path : throw new FileNotFoundException($"the image file {file.Source} (to {file.Destination}) is not at {path}", path);
    }

    // A Dockerfile ENV value in double quotes: backslashes, quotes and $ escaped so the value is taken as written.
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal) + "\"";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
