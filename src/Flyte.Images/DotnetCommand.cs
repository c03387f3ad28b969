using System.Diagnostics;
using System.Text;

namespace Flyte.Images;

/// <summary>Runs the .NET SDK (<c>dotnet build</c>, <c>dotnet publish</c>, …) as a child process and collects what it prints.</summary>
public static class DotnetCommand
{
    /// <summary>Set when MSBuild hosts a process; they point a child build at the parent's MSBuild and confuse it.</summary>
    private static readonly string[] InheritedMSBuildVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    /// <param name="environment">Variables to set for the child, on top of <paramref name="baseEnvironment"/>.</param>
    /// <param name="log">Each line the child prints, as it prints it; null to only collect them.</param>
    /// <param name="baseEnvironment">The child's variables; null for this process's.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, IProgress<string>? log = null, IReadOnlyDictionary<string, string>? baseEnvironment = null)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (baseEnvironment is not null)
        {
            start.Environment.Clear();
            foreach (var (name, value) in baseEnvironment)
            {
                start.Environment[name] = value;
            }
        }
        foreach (string variable in InheritedMSBuildVariables)
        {
            start.Environment.Remove(variable);
        }
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output, log);
        var stderr = PumpAsync(process.StandardError, output, log);
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

    private static async Task PumpAsync(StreamReader reader, StringBuilder into, IProgress<string>? log)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
            log?.Report(line);
        }
    }

    /// <summary>The dotnet host running us (set by the SDK for tools, tests and MSBuild tasks), else the one on PATH.</summary>
    private static string Executable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
