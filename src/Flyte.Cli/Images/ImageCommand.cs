using System.CommandLine;
using System.Diagnostics;
using Flyte.Cli.Loading;
using Flyte.Cli.Remote;
using Flyte.Images;
using Flyte.Remote;

namespace Flyte.Cli.Images;

/// <summary>
/// <c>flyte image push [&lt;project&gt;] --registry R</c>: the project's task image (its <c>[TaskImage]</c>, else Flyte's base
/// image) with its published code in /app, tagged by content and pushed, unless the registry has that tag already; the
/// reference is recorded in the build's artifacts so that a deploy runs the tasks in it. <c>dotnet publish
/// -p:FlytePushImage=true</c> runs it after publishing.
/// </summary>
internal sealed class ImageCommand
{
    private readonly CliEnvironment _environment;
    private readonly ControlPlaneOptions _controlPlane = new();

    public ImageCommand(CliEnvironment environment)
    {
        _environment = environment;
        Push = new Command("push", "Build the project's task image with its published code and push it, unless the registry has it already.")
        {
            Project, Registry, Repository, BaseImage, Builder, Force, PublishDirectory, Configuration, Artifacts, NativeA0,
        };
        // The remote builder's control plane, project and domain (the build runs there).
        _controlPlane.AddTo(Push);
        Command = new Command("image", "Task images: the code of a project on a base with the .NET runtime and a0.") { Push };
    }

    public Command Command { get; }

    public Command Push { get; }

    public Argument<string?> Project { get; } = new("project")
    {
        Description = "A project file or a folder holding one; left out, the project in the current folder.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string> Registry { get; } = new("--registry") { Description = "Where to push: a registry host, e.g. 127.0.0.1:5000 or ghcr.io/org.", Required = true };

    public Option<string?> Repository { get; } = new("--repository") { Description = "The image's repository in the registry (default: the assembly's name, lowercased)." };

    public Option<string?> BaseImage { get; } = new("--base")
    {
        Description = $"The base image when the project declares no [TaskImage] (default: {Image.ForDotnet().BaseImage}).",
    };

    public Option<string> Builder { get; } = new("--builder")
    {
        Description = "auto (daemonless when the image has no packages, commands or files, else docker), daemonless, docker, "
            + "or remote (the control plane's system/build-image task builds and pushes it; only access to the Flyte API is needed).",
        DefaultValueFactory = _ => "auto",
    };

    public Option<bool> Force { get; } = new("--force") { Description = "With --builder remote: build again even when the builder task has a cached result for this image." };

    public Option<string?> PublishDirectory { get; } = new("--publish-dir") { Description = "The project's publish output, when already published (MSBuild passes it)." };

    public Option<string> Configuration { get; } = new("--configuration", "-c") { Description = "The configuration to publish.", DefaultValueFactory = _ => "Release" };

    public Option<string?> Artifacts { get; } = new("--artifacts") { Description = "Where to record the pushed reference (default: the build output's flyte/ folder)." };

    public Option<string?> NativeA0 { get; } = new("--native-a0")
    {
        Description = "Compile the project's tasks into a native a0 (this Flyte.Runtime.Native.csproj) and put it in the image in place of the plain a0: "
            + "actions start in a fraction of the time, and a deploy ships no code bundle (the code is in the image). Takes the docker builder (the image gets a file).",
        HelpName = "Flyte.Runtime.Native.csproj",
    };

    public async Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        string project = TaskTarget.ResolveProjectPath(parse.GetValue(Project) ?? ".", _environment);
        string configuration = parse.GetValue(Configuration) ?? "Release";
        string registry = parse.GetValue(Registry)!.TrimEnd('/');
        string publishDirectory = parse.GetValue(PublishDirectory) is { } given
            ? _environment.FullPath(given)
            : await PublishAsync(project, configuration, console, cancellationToken).ConfigureAwait(false);

        string targetPath = await ProjectBuild.TargetPathAsync(project, configuration, artifactsPath: null, _environment, cancellationToken).ConfigureAwait(false);
        string assemblyName = Path.GetFileNameWithoutExtension(targetPath);
        var assembly = TaskAssembly.Load(Path.Combine(publishDirectory, assemblyName + ".dll"));
        var declared = ImageDeclaration.Find(assembly.Assembly);
        var image = declared ?? (parse.GetValue(BaseImage) is { } baseImage ? Image.FromBase(baseImage) : Image.ForDotnet());
        string projectDirectory = Path.GetDirectoryName(project)!;
        bool native = parse.GetValue(NativeA0) is not null;
        if (parse.GetValue(NativeA0) is { } nativeProject)
        {
            image = image.WithFile(await PublishNativeA0Async(_environment.FullPath(nativeProject), project, console, cancellationToken).ConfigureAwait(false), NativeA0Path);
        }
        string tag = ImageTag.Compute(image, publishDirectory, projectDirectory);
        string reference = $"{registry}/{parse.GetValue(Repository) ?? assemblyName.ToLowerInvariant()}:{tag}";
        string artifacts = parse.GetValue(Artifacts) is { } folder
            ? _environment.FullPath(folder)
            : PushedImageFile.ArtifactsDirectory(Path.GetDirectoryName(targetPath)!);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var registryClient = new RegistryClient(http, DockerConfigCredentials.Load(environment: DockerVariable).For);
        try
        {
            string builderName = parse.GetValue(Builder) ?? "auto";
            var clock = Stopwatch.StartNew();
            var log = new Progress<string>(line => console.Error.WriteLine(line));
            var request = new ImageBuildRequest(image, reference, publishDirectory, projectDirectory, project);
            // The remote builder's control plane is connected to only when there is something to build.
            FlyteRemote? remote = null;
            PushOutcome outcome;
            try
            {
                outcome = await ContentTaggedPush.RunAsync(registryClient, () =>
                {
                    if (builderName != "remote")
                    {
                        return ChooseBuilder(builderName, image, configuration);
                    }
                    remote = ControlPlane.Connect(ControlPlane.Resolve(_controlPlane.Read(parse), _environment));
                    // The CLI's surroundings, not the process's, name the builder's domain.
                    string domain = _environment.Variable(RemoteImageBuilder.TaskDomainVariable) is { Length: > 0 } named ? named : RemoteImageBuilder.DefaultTaskDomain;
                    return new RemoteImageBuilder(remote, domain, parse.GetValue(Force));
                }, request, log, cancellationToken,
                    onBuild: builder => console.Out.WriteLine($"building {reference} ({builder.Name}) on {image.BaseImage}")).ConfigureAwait(false);
            }
            finally
            {
                remote?.Dispose();
            }
            PushedImageFile.Write(new PushedImage(outcome.Image, native), artifacts);
            await console.Out.WriteLineAsync(outcome.Built
                ? $"pushed {outcome.Image} in {clock.Elapsed.TotalSeconds:F1} s"
                : $"unchanged: {reference} is in the registry already; nothing built or pushed").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (RegistryException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (ImageBuildException e) when (e.Message.StartsWith("remote builder not available", StringComparison.Ordinal))
        {
            throw new UsageException(e.Message, e);
        }
        catch (ImageBuildException e)
        {
            throw new UsageException($"{e.Message} ({BaseImageAdvice.For(image, declared is not null)})", e);
        }
    }

    /// <summary>The variables Docker's config and credential helpers are found by, with HOME as the CLI's home folder.</summary>
    private string? DockerVariable(string name) => name == "HOME" ? _environment.HomeDirectory : _environment.Variable(name);

    private IImageBuilder ChooseBuilder(string name, Image image, string configuration) => name switch
    {
        "auto" when image.HasRunSteps || image.Files.Length > 0 => DockerBuilder(),
        "auto" or "daemonless" => new DaemonlessImageBuilder(configuration),
        "docker" => DockerBuilder(),
        _ => throw new UsageException($"--builder takes auto, daemonless, docker or remote, not '{name}'"),
    };

    private DockerImageBuilder DockerBuilder() =>
        new(credentials: DockerConfigCredentials.Load(environment: DockerVariable));

    /// <summary>Where the base image keeps a0 (first on its PATH): the native one takes the plain one's place.</summary>
    private const string NativeA0Path = "/opt/flyte/a0/a0";

    /// <summary>Publishes a0 with <paramref name="project"/>'s tasks compiled in, natively for linux-x64, and returns its path.</summary>
    private async Task<string> PublishNativeA0Async(string nativeProject, string project, CliConsole console, CancellationToken cancellationToken)
    {
        if (!File.Exists(nativeProject))
        {
            throw new UsageException($"--native-a0 names {nativeProject}, which does not exist; give the path of Flyte.Runtime.Native.csproj (the Flyte.Sdk package carries it in native/)");
        }
        string output = await PublishToTemporaryFolderAsync("flyte-native-a0-",
            ["publish", WritableCopyOf(nativeProject), "-c", "Release", "-r", "linux-x64", $"-p:FlyteTaskProject={project}"],
            $"compiling {Path.GetFileName(project)}'s tasks into a native a0", console, cancellationToken).ConfigureAwait(false);
        return Path.Combine(output, "a0");
    }

    /// <summary>
    /// The packed native project (a0's sources beside it, in a0/) lives in the NuGet package cache, where its build must
    /// not write bin/ and obj/: it is copied to a temporary folder first (so the package's folder never gets either).
    /// This repository's own builds in place.
    /// </summary>
    private static string WritableCopyOf(string nativeProject)
    {
        string folder = Path.GetDirectoryName(nativeProject)!;
        if (!Directory.Exists(Path.Combine(folder, "a0")))
        {
            return nativeProject;
        }
        string copy = Directory.CreateTempSubdirectory("flyte-native-project-").FullName;
        FolderCopy.Copy(folder, copy);
        return Path.Combine(copy, Path.GetFileName(nativeProject));
    }

    private Task<string> PublishAsync(string project, string configuration, CliConsole console, CancellationToken cancellationToken) =>
        PublishToTemporaryFolderAsync("flyte-publish-", ["publish", project, "-c", configuration, "-p:FlytePushImage=false"],
            $"publishing {Path.GetFileName(project)}", console, cancellationToken);

    /// <summary>Runs <c>dotnet <paramref name="publish"/> -o &lt;a new temporary folder&gt;</c>; on failure prints its output and says what failed.</summary>
    private async Task<string> PublishToTemporaryFolderAsync(string folderPrefix, string[] publish, string what, CliConsole console, CancellationToken cancellationToken)
    {
        string output = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var (exitCode, log) = await ProjectBuild.RunDotnetAsync([.. publish, "-o", output, "-nologo", "-v:q", "-nodeReuse:false"], _environment, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            await console.Error.WriteLineAsync(log.TrimEnd()).ConfigureAwait(false);
            throw new UsageException($"{what} failed (dotnet publish exited with {exitCode})");
        }
        return output;
    }
}
