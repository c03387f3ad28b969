using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Flyteidl2.Imagebuilder;

namespace Flyte.Images;

/// <summary>
/// The other end of <see cref="RemoteImageBuilder"/>: builds a <c>flyteidl2.imagebuilder.ImageSpec</c> with its context
/// tarball on a Docker engine and pushes it to <c>target_image</c>. The devbox's <c>system/build-image</c> task runs it.
/// The layers a .NET image has are built (apt packages, commands, environment, copies, working directory), each
/// command a step of its own so that a failure names it; Python's (pip, uv, poetry, requirements, wheels) and secret
/// mounts are refused with a line saying so.
/// </summary>
public sealed class ImageSpecBuilder(DockerImageBuilder docker)
{
    /// <summary>The Dockerfile's name in the context: one a context of flyte-sdk's layout never holds.</summary>
    public const string DockerfileName = ".flyte-image-spec.Dockerfile";

    /// <param name="contextTarGz">The uploaded context.tar.gz; null when the spec copies nothing.</param>
    /// <returns>The image as pushed: <paramref name="target"/>.</returns>
    public async Task<string> BuildAsync(ImageSpec spec, Stream? contextTarGz, string target, IProgress<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        string dockerfile = Dockerfile(spec);
        string folder = Directory.CreateTempSubdirectory("flyte-image-spec-").FullName;
        try
        {
            if (contextTarGz is not null)
            {
                await using var gzip = new GZipStream(contextTarGz, CompressionMode.Decompress, leaveOpen: true);
                // Refuses entries that would land outside the folder.
                await TarFile.ExtractToDirectoryAsync(gzip, folder, overwriteFiles: false, cancellationToken).ConfigureAwait(false);
            }
            await File.WriteAllTextAsync(Path.Combine(folder, DockerfileName), dockerfile, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            foreach (var layer in spec.Layers.Where(layer => layer.LayerCase == Layer.LayerOneofCase.CopyConfig))
            {
                string source = Path.GetFullPath(Path.Combine(folder, layer.CopyConfig.Src));
                if (!source.StartsWith(folder, StringComparison.Ordinal) || !(File.Exists(source) || Directory.Exists(source)))
                {
                    throw new ImageBuildException($"the spec copies {layer.CopyConfig.Src} to {layer.CopyConfig.Dst}, which the build context does not hold");
                }
            }
            await docker.BuildAndPushFolderAsync(folder, DockerfileName, spec.BaseImage, target, log, cancellationToken).ConfigureAwait(false);
            return target;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The Dockerfile of <paramref name="spec"/>: its layers in order.</summary>
    /// <exception cref="ImageBuildException">A layer this builder does not build, or no base image.</exception>
    public static string Dockerfile(ImageSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.BaseImage))
        {
            throw new ImageBuildException("the image spec names no base image");
        }
        var text = new StringBuilder();
        text.Append("FROM ").Append(spec.BaseImage).Append('\n');
        foreach (var layer in spec.Layers)
        {
            switch (layer.LayerCase)
            {
                case Layer.LayerOneofCase.AptPackages:
                    NoSecrets(layer.AptPackages.SecretMounts.Count, "apt packages");
                    if (layer.AptPackages.Packages.Count == 0)
                    {
                        break;
                    }
                    foreach (string package in layer.AptPackages.Packages)
                    {
                        // The same names Image.WithAptPackages takes: nothing a shell would read.
                        if (package.Length == 0 || package.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or ':' or '=' or '~')))
                        {
                            throw new ImageBuildException($"'{package}' is not a Debian package name");
                        }
                    }
                    text.Append("RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ")
                        .AppendJoin(' ', layer.AptPackages.Packages).Append(" && rm -rf /var/lib/apt/lists/*\n");
                    break;
                case Layer.LayerOneofCase.Commands:
                    NoSecrets(layer.Commands.SecretMounts.Count, "commands");
                    foreach (string command in layer.Commands.Cmd)
                    {
                        if (command.Contains('\n', StringComparison.Ordinal))
                        {
                            throw new ImageBuildException("a command of the image spec spans more than one line");
                        }
                        text.Append("RUN ").Append(command).Append('\n');
                    }
                    break;
                case Layer.LayerOneofCase.Env:
                    foreach (var (name, value) in layer.Env.EnvVariables.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                    {
                        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')) || char.IsAsciiDigit(name[0]))
                        {
                            throw new ImageBuildException($"'{name}' is not an environment variable name");
                        }
                        text.Append("ENV ").Append(name).Append('=').Append(ImageBuildContext.Quote(value)).Append('\n');
                    }
                    break;
                case Layer.LayerOneofCase.CopyConfig:
                    text.Append("COPY ").Append(layer.CopyConfig.Src).Append(' ').Append(layer.CopyConfig.Dst).Append('\n');
                    break;
                case Layer.LayerOneofCase.Workdir:
                    text.Append("WORKDIR ").Append(layer.Workdir.Workdir).Append('\n');
                    break;
                default:
                    throw new ImageBuildException($"this image builder builds .NET images and does not build a {layer.LayerCase} layer (a Python one)");
            }
        }
        return text.ToString();
    }

    private static void NoSecrets(int count, string what)
    {
        if (count > 0)
        {
            throw new ImageBuildException($"this image builder mounts no secrets, and the {what} layer asks for {count}");
        }
    }
}
