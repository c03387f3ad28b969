namespace Flyte.Cli.Loading;

/// <summary>Builds a project with the .NET SDK and finds the assembly it produced.</summary>
internal static class ProjectBuild
{
    public static async Task<string> BuildAsync(string projectPath, TextWriter log, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var build = await RunDotnetAsync(["build", projectPath, "-nologo", "-v:q", "-nodeReuse:false"], environment, cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            await log.WriteLineAsync(build.Output.TrimEnd()).ConfigureAwait(false);
            throw new UsageException($"building {Path.GetFileName(projectPath)} failed (dotnet build exited with {build.ExitCode})");
        }
        return await TargetPathAsync(projectPath, configuration: null, environment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The assembly <paramref name="projectPath"/> builds in <paramref name="configuration"/> (null: its default).</summary>
    public static async Task<string> TargetPathAsync(string projectPath, string? configuration, CliEnvironment environment, CancellationToken cancellationToken)
    {
        string[] arguments = configuration is null
            ? ["msbuild", projectPath, "-nologo", "-getProperty:TargetPath"]
            : ["msbuild", projectPath, "-nologo", "-getProperty:TargetPath", $"-p:Configuration={configuration}"];
        var query = await RunDotnetAsync(arguments, environment, cancellationToken).ConfigureAwait(false);
        string targetPath = query.Output.Trim();
        if (query.ExitCode != 0 || targetPath.Length == 0)
        {
            throw new UsageException($"could not find the assembly {Path.GetFileName(projectPath)} builds (is it multi-targeted? then name the .dll)");
        }
        return targetPath;
    }

    /// <summary>The .NET SDK with the CLI's variables, not necessarily this process's (docs/test-isolation.md).</summary>
    public static Task<(int ExitCode, string Output)> RunDotnetAsync(IReadOnlyList<string> arguments, CliEnvironment environment, CancellationToken cancellationToken) =>
        Flyte.Images.DotnetCommand.RunAsync(arguments, cancellationToken, baseEnvironment: environment.Variables);
}
