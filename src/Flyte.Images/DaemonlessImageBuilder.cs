using System.Security;
using System.Text;

namespace Flyte.Images;

/// <summary>
/// Builds and pushes an image with the .NET SDK's container publishing (<c>dotnet publish -t:PublishContainer</c>): the
/// project's published code as one layer on top of the base image's layers, pushed straight to the registry, no Docker
/// engine. No RUN steps are possible that way, nor added files: images with packages, commands or files take a builder
/// with an engine (<c>docker</c>, <c>kubernetes</c>). No ENTRYPOINT: a task's container args start with <c>a0</c>.
/// </summary>
public sealed class DaemonlessImageBuilder(string configuration = "Release") : IImageBuilder
{
    public string Name => "daemonless";

    public async Task<string> BuildAndPushAsync(ImageBuildRequest request, IProgress<string> log, CancellationToken cancellationToken)
    {
        if (request.Image.HasRunSteps || request.Image.Files.Length > 0)
        {
            throw new ImageBuildException($"the daemonless builder cannot run packages or commands or add files ({request.Reference}); use --builder docker or kubernetes");
        }
        string project = request.ProjectPath
            ?? throw new ImageBuildException("the daemonless builder publishes the project as a container and needs its .csproj path");
        var (registry, repository, tag) = RegistryClient.Parse(request.Reference);

        string environmentTargets = Path.Combine(Path.GetTempPath(), $"flyte-image-{tag}-{Guid.NewGuid():N}.targets");
        await File.WriteAllTextAsync(environmentTargets, EnvironmentTargets(request.Image), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        try
        {
            string[] arguments =
            [
                "publish", project, "-c", configuration, "-nologo", "-v:m", "-nodeReuse:false", "-t:PublishContainer",
                "-p:EnableSdkContainerSupport=true",
                $"-p:ContainerBaseImage={request.Image.BaseImage}",
                $"-p:ContainerRegistry={registry}",
                $"-p:ContainerRepository={repository}",
                $"-p:ContainerImageTag={tag}",
                "-p:ContainerAppCommandInstruction=None",
                "-p:ContainerWorkingDirectory=/app",
                "-p:FlytePushImage=false",
                $"-p:CustomAfterMicrosoftCommonTargets={environmentTargets}",
            ];
            var (exitCode, output) = await DotnetCommand.RunAsync(arguments, cancellationToken, InsecureRegistries(registry, request.Image.BaseImage), log).ConfigureAwait(false);
            if (exitCode != 0)
            {
                string reason = output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit code {exitCode}";
                throw new ImageBuildException($"publishing {Path.GetFileName(project)} as {request.Reference} failed: {reason}");
            }
        }
        finally
        {
            File.Delete(environmentTargets);
        }
        return request.Reference;
    }

    /// <summary>The image's environment variables as the SDK's ContainerEnvironmentVariable items.</summary>
    private static string EnvironmentTargets(Image image)
    {
        var text = new StringBuilder("<Project>\n  <ItemGroup>\n");
        foreach (var (name, value) in image.Environment)
        {
            text.Append("    <ContainerEnvironmentVariable Include=\"").Append(SecurityElement.Escape(name))
                .Append("\" Value=\"").Append(SecurityElement.Escape(value)).Append("\" />\n");
        }
        return text.Append("  </ItemGroup>\n</Project>\n").ToString();
    }

    /// <summary>The SDK speaks plain HTTP only to registries named in DOTNET_CONTAINER_INSECURE_REGISTRIES: name the loopback ones.</summary>
    private static Dictionary<string, string> InsecureRegistries(string registry, string baseImage)
    {
        var insecure = (Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES") ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (string host in new[] { registry, RegistryClient.Parse(baseImage).Registry })
        {
            if (RegistryClient.Scheme(host) == "http")
            {
                insecure.Add(host);
            }
        }
        return new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = string.Join(',', insecure) };
    }
}
