using System.Collections.Immutable;

namespace Flyte.Images;

/// <summary>
/// A task image, described in C#: a base image (by default Flyte's .NET base: the runtime and <c>a0</c> on PATH), Debian
/// packages to install, commands to run, environment variables and files to add. The project's published code goes into
/// <c>/app</c> on top. Its tag is derived from its content (Flyte.Images' <c>ImageTag</c>), so an unchanged image is never built
/// or pushed twice. Immutable: each <c>With…</c> returns a new image.
/// </summary>
/// <example><code>
/// Image.ForDotnet("10.0").WithAptPackages("libgomp1").WithEnvironment("OMP_NUM_THREADS", "1")
/// </code></example>
public sealed record Image
{
    /// <summary>The registry of Flyte's published base images (see images/base/Dockerfile).</summary>
    public const string DefaultBaseRegistry = "ghcr.io/flyteorg";

    private Image(string baseImage, string dotnetVersion)
    {
        BaseImage = baseImage;
        DotnetVersion = dotnetVersion;
    }

    /// <summary>The image it builds on; it must have the .NET runtime of <see cref="DotnetVersion"/> and <c>a0</c> on PATH.</summary>
    public string BaseImage { get; private init; }

    /// <summary>The .NET runtime version the base image carries: "8.0", "9.0" or "10.0".</summary>
    public string DotnetVersion { get; private init; }

    /// <summary>Debian packages installed with apt-get, in this order.</summary>
    public ImmutableArray<string> AptPackages { get; private init; } = [];

    /// <summary>Shell commands run in the image (after the packages), in this order.</summary>
    public ImmutableArray<string> Commands { get; private init; } = [];

    /// <summary>Environment variables of every container of the image, sorted by name.</summary>
    public ImmutableSortedDictionary<string, string> Environment { get; private init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Files copied from this machine into the image, in this order.</summary>
    public ImmutableArray<ImageFile> Files { get; private init; } = [];

    /// <summary>Flyte's base image for a .NET runtime: <c>ghcr.io/flyteorg/flyte-dotnet:&lt;version&gt;</c>, or one like it in <paramref name="registry"/>.</summary>
    public static Image ForDotnet(string dotnetVersion = "10.0", string registry = DefaultBaseRegistry)
    {
        string version = CheckDotnetVersion(dotnetVersion);
        return new Image($"{registry.TrimEnd('/')}/flyte-dotnet:{version}", version);
    }

    /// <summary>Any base image that has the .NET runtime of <paramref name="dotnetVersion"/> and <c>a0</c> on PATH.</summary>
    public static Image FromBase(string baseImage, string dotnetVersion = "10.0")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseImage);
        return new Image(baseImage.Trim(), CheckDotnetVersion(dotnetVersion));
    }

    /// <summary>This image with <paramref name="packages"/> installed after its own.</summary>
    public Image WithAptPackages(params string[] packages)
    {
        foreach (string package in packages)
        {
            if (string.IsNullOrWhiteSpace(package) || package.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-' or ':' or '=' or '~')))
            {
                throw new ArgumentException($"'{package}' is not a Debian package name (letters, digits and . + - : = ~ only)", nameof(packages));
            }
        }
        return this with { AptPackages = AptPackages.AddRange(packages) };
    }

    /// <summary>This image with <paramref name="commands"/> run after its own.</summary>
    public Image WithCommands(params string[] commands)
    {
        foreach (string command in commands)
        {
            if (string.IsNullOrWhiteSpace(command) || command.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException("a command is one non-empty line of shell", nameof(commands));
            }
        }
        return this with { Commands = Commands.AddRange(commands) };
    }

    /// <summary>This image with the environment variable <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public Image WithEnvironment(string name, string value)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')) || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException($"'{name}' is not an environment variable name (letters, digits and _, not starting with a digit)", nameof(name));
        }
        ArgumentNullException.ThrowIfNull(value);
        return this with { Environment = Environment.SetItem(name, value) };
    }

    /// <param name="source">A file on this machine, relative to the project folder or absolute.</param>
    /// <param name="destination">An absolute path in the image.</param>
    public Image WithFile(string source, string destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (string.IsNullOrWhiteSpace(destination) || !destination.StartsWith('/'))
        {
            throw new ArgumentException($"the destination '{destination}' must be an absolute path in the image", nameof(destination));
        }
        return this with { Files = Files.Add(new ImageFile(source, destination)) };
    }

    /// <summary>Whether building it runs commands in the image (packages, commands): that takes a builder with an engine, not only a registry.</summary>
    public bool HasRunSteps => AptPackages.Length > 0 || Commands.Length > 0;

    /// <inheritdoc />
    public bool Equals(Image? other) =>
        other is not null && BaseImage == other.BaseImage && DotnetVersion == other.DotnetVersion
        && AptPackages.SequenceEqual(other.AptPackages) && Commands.SequenceEqual(other.Commands)
        && Environment.SequenceEqual(other.Environment) && Files.SequenceEqual(other.Files);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BaseImage, DotnetVersion, AptPackages.Length, Commands.Length, Environment.Count, Files.Length);

    private static string CheckDotnetVersion(string version) => version is "8.0" or "9.0" or "10.0"
        ? version
        : throw new ArgumentException($"no Flyte base image for .NET '{version}'; supported: 8.0, 9.0, 10.0", nameof(version));
}

/// <summary>A file copied into an image: <paramref name="Source"/> on this machine to <paramref name="Destination"/> in the image.</summary>
public sealed record ImageFile(string Source, string Destination);
