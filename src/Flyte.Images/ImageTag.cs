using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flyte.Images;

/// <summary>
/// The tag of a task image, derived from everything that goes into it: the base image, packages, commands, environment,
/// the content of each added file and of the published code. The same inputs give the same tag on any machine, so a
/// registry that has the tag has the image, and nothing is built or pushed again.
/// </summary>
public static class ImageTag
{
    /// <param name="appDirectory">The published code that goes into /app, or null for none.</param>
    /// <param name="projectDirectory">What relative <see cref="ImageFile.Source"/> paths are relative to.</param>
    public static string Compute(Image image, string? appDirectory, string projectDirectory)
    {
        var text = new StringBuilder();
        text.Append("base ").Append(image.BaseImage).Append('\n');
        text.Append("dotnet ").Append(image.DotnetVersion).Append('\n');
        foreach (string package in image.AptPackages)
        {
            text.Append("apt ").Append(package).Append('\n');
        }
        foreach (string command in image.Commands)
        {
            text.Append("run ").Append(command).Append('\n');
        }
        foreach (var (name, value) in image.Environment)
        {
            text.Append("env ").Append(name).Append('=').Append(value).Append('\n');
        }
        foreach (var file in image.Files)
        {
            text.Append("file ").Append(file.Destination).Append(' ').Append(FileHash(ImageBuildContext.SourcePath(file, projectDirectory))).Append('\n');
        }
        if (appDirectory is not null)
        {
            foreach (string path in Directory.EnumerateFiles(appDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(appDirectory, path).Replace('\\', '/');
                text.Append("app ").Append(relative).Append(' ').Append(FileHash(path)).Append('\n');
            }
        }
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "sha-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream)) + ":" + stream.Length.ToString(CultureInfo.InvariantCulture);
    }
}
