using Docker.DotNet;
using Docker.DotNet.Models;

namespace Flyte.Images;

/// <summary>
/// Builds an image on a Docker engine (Docker.DotNet) from its generated Dockerfile, so RUN steps (packages, commands)
/// are possible, then pushes it. The engine is <c>$DOCKER_HOST</c> or the local socket; builds use the host's network;
/// registry credentials come from the Docker config (<see cref="DockerConfigCredentials"/>).
/// </summary>
public sealed class DockerImageBuilder : IImageBuilder
{
    private readonly Uri _engine;
    private readonly Func<DockerConfigCredentials> _credentials;

    /// <param name="engine">The engine's API; null for <see cref="DockerEngine.DefaultAddress"/>.</param>
    /// <param name="credentials">Registry credentials; null to read the Docker config when building.</param>
    public DockerImageBuilder(Uri? engine = null, DockerConfigCredentials? credentials = null)
    {
        _engine = engine ?? DockerEngine.DefaultAddress();
        _credentials = credentials is null ? () => DockerConfigCredentials.Load() : () => credentials;
    }

    public string Name => "docker";

    public async Task<string> BuildAndPushAsync(ImageBuildRequest request, IProgress<string> log, CancellationToken cancellationToken)
    {
        using var context = ImageBuildContext.Create(request.Image, request.AppDirectory, request.ProjectDirectory);
        await BuildAndPushFolderAsync(context.Directory, "Dockerfile", request.Image.BaseImage, request.Reference, log, cancellationToken).ConfigureAwait(false);
        return request.Reference;
    }

    /// <summary>Builds the Dockerfile <paramref name="dockerfile"/> of the context folder <paramref name="contextDirectory"/> as <paramref name="reference"/> and pushes it.</summary>
    public async Task BuildAndPushFolderAsync(string contextDirectory, string dockerfile, string baseImage, string reference, IProgress<string> log, CancellationToken cancellationToken)
    {
        var (repository, tag) = ImageReference.Split(reference);
        var credentials = _credentials();
        using var docker = new DockerClientConfiguration(_engine).CreateClient();
        try
        {
            log.Report($"building {reference} on the Docker engine at {_engine}");
            await BuildAsync(docker, contextDirectory, dockerfile, baseImage, reference, credentials, log, cancellationToken).ConfigureAwait(false);
            log.Report($"pushing {reference}");
            await PushAsync(docker, repository, tag, reference, credentials, log, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ImageBuildException($"no Docker engine answers at {_engine} ({e.Message}); start one or set DOCKER_HOST", e);
        }
    }

    private static async Task BuildAsync(DockerClient docker, string contextDirectory, string dockerfile, string baseImage, string reference, DockerConfigCredentials credentials, IProgress<string> log, CancellationToken cancellationToken)
    {
        // The archive goes to a temporary file, not memory: the published code can be large.
        string archivePath = Path.Combine(Path.GetTempPath(), $"flyte-image-context-{Guid.NewGuid():N}.tar");
        try
        {
            await using (var archive = File.Create(archivePath))
            {
                await BuildContextArchive.WriteTarAsync(contextDirectory, archive, cancellationToken).ConfigureAwait(false);
            }
            var parameters = new ImageBuildParameters
            {
                Tags = [reference],
                Dockerfile = dockerfile,
                NetworkMode = "host",
                Remove = true,
                ForceRemove = true,
            };
            var messages = new DockerMessageLog(log);
            await using var contextStream = File.OpenRead(archivePath);
            try
            {
                await docker.Images.BuildImageFromDockerfileAsync(parameters, contextStream, BaseImageAuth(baseImage, credentials), null, messages, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw new ImageBuildException($"the Docker engine refused to build {reference} ({(int)e.StatusCode}): {EngineMessage(e)}", e);
            }
            messages.Flush();
            if (messages.Error is { } error)
            {
                string step = messages.Step is { } started ? $" at {started}" : "";
                string output = messages.LastOutput is { } last ? $" (its last line: {last})" : "";
                throw new ImageBuildException($"building {reference} failed{step}: {error}{output}");
            }
        }
        finally
        {
            File.Delete(archivePath);
        }
    }

    private static async Task PushAsync(DockerClient docker, string repository, string tag, string reference, DockerConfigCredentials credentials, IProgress<string> log, CancellationToken cancellationToken)
    {
        string registry = RegistryClient.Parse(reference).Registry;
        var credential = credentials.For(registry);
        // An empty auth is how the Docker CLI pushes anonymously too.
        var auth = credential is null
            ? new AuthConfig { ServerAddress = registry }
            : new AuthConfig { ServerAddress = registry, Username = credential.UserName, Password = credential.Password };
        var messages = new DockerMessageLog(log);
        try
        {
            await docker.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, auth, messages, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new ImageBuildException($"the Docker engine refused to push {reference} ({(int)e.StatusCode}): {EngineMessage(e)}", e);
        }
        messages.Flush();
        if (messages.Error is { } error)
        {
            bool refused = error.Contains("denied", StringComparison.OrdinalIgnoreCase) || error.Contains("unauthorized", StringComparison.OrdinalIgnoreCase)
                || error.Contains("authentication required", StringComparison.OrdinalIgnoreCase);
            string login = refused && credential is null ? $"; no credentials for {registry} in {credentials.Path ?? DockerConfigCredentials.DefaultPath()} (docker login {registry})" : "";
            throw new ImageBuildException($"pushing {reference} failed: {error}{login}");
        }
    }

    /// <summary>Credentials for the registry of the base image, which the engine pulls during the build.</summary>
    private static List<AuthConfig> BaseImageAuth(string baseImage, DockerConfigCredentials credentials)
    {
        string registry = RegistryClient.Parse(baseImage).Registry;
        return credentials.For(registry) is { } credential
            ? [new AuthConfig { ServerAddress = registry == "docker.io" ? "https://index.docker.io/v1/" : registry, Username = credential.UserName, Password = credential.Password }]
            : [];
    }

    /// <summary>The engine's error text: its JSON <c>message</c> when it sent one, else the body as it came.</summary>
    private static string EngineMessage(DockerApiException e)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(e.ResponseBody);
            if (document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return e.ResponseBody.Trim();
    }
}
