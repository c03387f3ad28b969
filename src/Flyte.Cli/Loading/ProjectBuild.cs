namespace Flyte.Cli.Loading;

/// <summary>Builds a project with the .NET SDK and finds the assembly it produced.</summary>
internal static class ProjectBuild
{
    /// <param name="artifactsPath">
    /// Null: the project's own bin/ and obj/. Else MSBuild's ArtifactsPath (<c>dotnet build --artifacts-path</c>): the
    /// outputs of the project and of every project it references go there, so the source tree is only read.
    /// </param>
    /// <param name="configuration">The build configuration; null: the project's default (Debug).</param>
    public static async Task<string> BuildAsync(string projectPath, string? artifactsPath, TextWriter log, CliEnvironment environment, CancellationToken cancellationToken, string? configuration = null)
    {
        string[] configurationArguments = configuration is null ? [] : ["-c", configuration];
        var build = await RunDotnetAsync(["build", projectPath, "-nologo", "-v:q", "-nodeReuse:false", .. configurationArguments, .. ArtifactsProperty(artifactsPath, environment)], environment, cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            await log.WriteLineAsync(build.Output.TrimEnd()).ConfigureAwait(false);
            throw new UsageException($"building {Path.GetFileName(projectPath)} failed (dotnet build exited with {build.ExitCode})");
        }
        return await TargetPathAsync(projectPath, configuration, artifactsPath, environment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The assembly <paramref name="projectPath"/> builds in <paramref name="configuration"/> (null: its default) under <paramref name="artifactsPath"/> (null: its bin/).</summary>
    public static async Task<string> TargetPathAsync(string projectPath, string? configuration, string? artifactsPath, CliEnvironment environment, CancellationToken cancellationToken)
    {
        string[] arguments = configuration is null
            ? ["msbuild", projectPath, "-nologo", "-getProperty:TargetPath", .. ArtifactsProperty(artifactsPath, environment)]
            : ["msbuild", projectPath, "-nologo", "-getProperty:TargetPath", $"-p:Configuration={configuration}", .. ArtifactsProperty(artifactsPath, environment)];
        var query = await RunDotnetAsync(arguments, environment, cancellationToken).ConfigureAwait(false);
        string targetPath = query.Output.Trim();
        if (query.ExitCode != 0 || targetPath.Length == 0)
        {
            throw new UsageException($"could not find the assembly {Path.GetFileName(projectPath)} builds (is it multi-targeted? then name the .dll)");
        }
        return targetPath;
    }

    private static string[] ArtifactsProperty(string? artifactsPath, CliEnvironment environment) =>
        artifactsPath is null ? [] : [$"-p:ArtifactsPath={environment.FullPath(artifactsPath).TrimEnd(Path.DirectorySeparatorChar)}"];

    /// <summary>The .NET SDK with the CLI's variables, not necessarily this process's (docs/test-isolation.md).</summary>
    public static Task<(int ExitCode, string Output)> RunDotnetAsync(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken) =>
        Flyte.Images.DotnetCommand.RunAsync(arguments, cancellationToken, baseEnvironment: environment.Variables);
}
