using Flyteidl2.Imagebuilder;

namespace Flyte.Images;

/// <summary>
/// What a remote build sends for an <see cref="Image"/>: a <c>flyteidl2.imagebuilder.ImageSpec</c> and a context folder
/// holding the files its layers copy, laid out as flyte-sdk's remote builder lays them out
/// (src/flyte/_internal/imagebuild/remote_builder.py, <c>_get_layers_proto</c>, and utils.py <c>copy_files_to_context</c>).
/// The image is expressed as flyte-sdk's would be written: <c>with_apt_packages(*packages)</c> (one layer),
/// <c>with_commands([command])</c> for each command, <c>with_env_vars(environment)</c> (one layer),
/// <c>with_source_file(source, destination)</c> for each file, then the code as <c>with_source_folder(app, "/app")</c> and
/// <c>with_workdir("/app")</c>: the layers in the order our own Dockerfile has them. <c>python_version</c> stays empty:
/// a .NET image has no Python, and flyte-sdk's value would only say which interpreter its own code needs.
/// </summary>
public static class RemoteBuildSpec
{
    /// <summary>Where the code goes in the image, and the working directory of its tasks.</summary>
    public const string AppDestination = "/app";

    /// <summary>flyte-sdk's folder in the context for a source given by an absolute path or one that leaves the project.</summary>
    private const string AbsoluteContextFolder = "_flyte_abs_context";

    /// <summary>
    /// Fills <paramref name="contextDirectory"/> (empty) with the files the image copies and returns its spec. Folders
    /// get mode 0755 and files 0644, or 0755 when executable: flyte-sdk keeps the source's bits and its umask's for the
    /// folders it creates, which come to the same under the usual umask 022.
    /// </summary>
    /// <param name="appDirectory">The published code, copied to /app; null for none.</param>
    /// <param name="projectDirectory">What relative file sources are relative to (flyte-sdk's current folder).</param>
    public static ImageSpec Prepare(Image image, string? appDirectory, string projectDirectory, string contextDirectory)
    {
        ArgumentNullException.ThrowIfNull(image);
        var spec = new ImageSpec { BaseImage = image.BaseImage };
        if (image.AptPackages.Length > 0)
        {
            spec.Layers.Add(new Layer { AptPackages = new AptPackages { Packages = { image.AptPackages } } });
        }
        foreach (string command in image.Commands)
        {
            spec.Layers.Add(new Layer { Commands = new Commands { Cmd = { command } } });
        }
        if (image.Environment.Count > 0)
        {
            var env = new Env();
            foreach (var (name, value) in image.Environment)
            {
                env.EnvVariables.Add(name, value);
            }
            spec.Layers.Add(new Layer { Env = env });
        }
        foreach (var file in image.Files)
        {
            string source = ImageBuildContext.SourcePath(file, projectDirectory);
            string inContext = ContextPath(file.Source);
            CopyFile(source, contextDirectory, inContext);
            spec.Layers.Add(new Layer { CopyConfig = new CopyConfig { Src = inContext, Dst = file.Destination } });
        }
        if (appDirectory is not null)
        {
            string inContext = ContextPath(AsGiven(appDirectory, projectDirectory));
            foreach (string path in Directory.EnumerateFiles(appDirectory, "*", SearchOption.AllDirectories))
            {
                CopyFile(path, contextDirectory, inContext + "/" + Path.GetRelativePath(appDirectory, path).Replace('\\', '/'));
            }
            spec.Layers.Add(new Layer { CopyConfig = new CopyConfig { Src = inContext, Dst = AppDestination } });
            spec.Layers.Add(new Layer { Workdir = new WorkDir { Workdir = AppDestination } });
        }
        return spec;
    }

    /// <summary>
    /// The path in the context of a source as the user gave it (relative to the project folder, or absolute), as
    /// flyte-sdk's <c>copy_files_to_context</c> makes it: an absolute path or one with ".." goes under
    /// <c>_flyte_abs_context/</c> with its first component dropped, any other stays where it is; then normalised.
    /// </summary>
    public static string ContextPath(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        string given = source.Replace('\\', '/');
        // pathlib drops "." components and repeated or trailing separators.
        var parts = given.Split('/').Where(part => part.Length > 0 && part != ".").ToList();
        bool absolute = given.StartsWith('/') || Path.IsPathRooted(source);
        string result;
        if (absolute || given.Contains("..", StringComparison.Ordinal))
        {
            // src.parts[1:]: for an absolute path the first part is the root, otherwise it is the first name.
            var rest = absolute ? parts : parts.Skip(1);
            result = Normalize(AbsoluteContextFolder + "/" + string.Join('/', rest));
        }
        else
        {
            result = Normalize(string.Join('/', parts));
        }
        return result;
    }

    /// <summary>A folder as the user would name it to flyte-sdk: relative when inside the project folder, else absolute.</summary>
    private static string AsGiven(string directory, string projectDirectory)
    {
        string full = Path.GetFullPath(directory);
        string relative = Path.GetRelativePath(Path.GetFullPath(projectDirectory), full);
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>os.path.normpath: "." dropped, "name/.." folded.</summary>
    private static string Normalize(string path)
    {
        var kept = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }
            if (part == ".." && kept.Count > 0 && kept[^1] != "..")
            {
                kept.RemoveAt(kept.Count - 1);
                continue;
            }
            kept.Add(part);
        }
        return string.Join('/', kept);
    }

    private static void CopyFile(string source, string contextDirectory, string inContext)
    {
        string target = Path.Combine(contextDirectory, inContext.Replace('/', Path.DirectorySeparatorChar));
        string folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            for (string? created = folder; created is not null && created.Length > contextDirectory.TrimEnd(Path.DirectorySeparatorChar).Length; created = Path.GetDirectoryName(created))
            {
                SetMode(created, directory: true, executable: true);
            }
        }
        File.Copy(source, target, overwrite: true);
        bool executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(source) & UnixFileMode.UserExecute) != 0;
        SetMode(target, directory: false, executable);
    }

    private static void SetMode(string path, bool directory, bool executable)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (directory || executable)
        {
            mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }
        File.SetUnixFileMode(path, mode);
    }
}
