using System.Diagnostics;

namespace Flyte.Cli.Loading;

/// <summary>Builds a project with the .NET SDK and finds the assembly it produced.</summary>
internal static class ProjectBuild
{
    /// <summary>Set when MSBuild hosts a process; they point a child build at the parent's MSBuild and confuse it.</summary>
    private static readonly string[] InheritedMSBuildVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    public static async Task<string> BuildAsync(string projectPath, TextWriter log, CancellationToken cancellationToken)
    {
        var build = await RunDotnetAsync(["build", projectPath, "-nologo", "-v:q", "-nodeReuse:false"], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            await log.WriteLineAsync(build.Output.TrimEnd()).ConfigureAwait(false);
            throw new UsageException($"building {Path.GetFileName(projectPath)} failed (dotnet build exited with {build.ExitCode})");
        }
        var query = await RunDotnetAsync(["msbuild", projectPath, "-nologo", "-getProperty:TargetPath"], cancellationToken).ConfigureAwait(false);
        string targetPath = query.Output.Trim();
        if (query.ExitCode != 0 || targetPath.Length == 0)
        {
            throw new UsageException($"could not find the assembly {Path.GetFileName(projectPath)} builds (is it multi-targeted? then name the .dll)");
        }
        return targetPath;
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (string variable in InheritedMSBuildVariables)
        {
            start.Environment.Remove(variable);
        }
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start) ?? throw new UsageException($"could not start {start.FileName}");
        var output = new System.Text.StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        // A compiler server started by the build may hold the pipes open; the exit code is what matters.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static async Task PumpAsync(StreamReader reader, System.Text.StringBuilder into)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }

    /// <summary>The dotnet host running us (set by the SDK for tools and tests), else the one on PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
