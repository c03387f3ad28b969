namespace Flyte.Cli.Loading;

/// <summary>Builds a project with the .NET SDK and finds the assembly it produced.</summary>
internal static class ProjectBuild
{
    /// <param name="artifactsPath">
    /// Null: the project's own bin/ and obj/. Else MSBuild's ArtifactsPath (<c>dotnet build --artifacts-path</c>): the
    /// outputs of the project and of every project it references go there, so the source tree is only read.
    /// </param>
    public static async Task<string> BuildAsync(string projectPath, string? artifactsPath, TextWriter log, CancellationToken cancellationToken)
    {
        var build = await RunDotnetAsync(["build", projectPath, "-nologo", "-v:q", "-nodeReuse:false", .. ArtifactsProperty(artifactsPath)], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            await log.WriteLineAsync(build.Output.TrimEnd()).ConfigureAwait(false);
            throw new UsageException($"building {Path.GetFileName(projectPath)} failed (dotnet build exited with {build.ExitCode})");
        }
        return await TargetPathAsync(projectPath, configuration: null, artifactsPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The assembly <paramref name="projectPath"/> builds in <paramref name="configuration"/> (null: its default) under <paramref name="artifactsPath"/> (null: its bin/).</summary>
    public static async Task<string> TargetPathAsync(string projectPath, string? configuration, string? artifactsPath, CancellationToken cancellationToken)
    {
        string[] arguments = configuration is null
            ? ["msbuild", projectPath, "-nologo", "-getProperty:TargetPath", .. ArtifactsProperty(artifactsPath)]
            : ["msbuild", projectPath, "-nologo", "-getProperty:TargetPath", $"-p:Configuration={configuration}", .. ArtifactsProperty(artifactsPath)];
        var query = await RunDotnetAsync(arguments, cancellationToken).ConfigureAwait(false);
        string targetPath = query.Output.Trim();
        if (query.ExitCode != 0 || targetPath.Length == 0)
        {
            throw new UsageException($"could not find the assembly {Path.GetFileName(projectPath)} builds (is it multi-targeted? then name the .dll)");
        }
        return targetPath;
    }

    private static string[] ArtifactsProperty(string? artifactsPath) =>
        artifactsPath is null ? [] : [$"-p:ArtifactsPath={Path.GetFullPath(artifactsPath).TrimEnd(Path.DirectorySeparatorChar)}"];

    private static Task<(int ExitCode, string Output)> RunDotnetAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Flyte.Images.DotnetCommand.RunAsync(arguments, cancellationToken);
}
