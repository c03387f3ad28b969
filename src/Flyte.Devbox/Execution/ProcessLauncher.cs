using System.Diagnostics;

namespace Flyte.Devbox.Execution;

/// <summary>
/// Runs an attempt as a local process: <c>a0</c> (the first arg) becomes <paramref name="a0Command"/> (for example
/// <c>dotnet /path/a0.dll</c>), everything it prints goes to the attempt's log file, and cancellation kills the
/// whole process tree.
/// </summary>
public sealed class ProcessLauncher(IReadOnlyList<string> a0Command) : IActionLauncher
{
    public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(request.WorkingDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(request.LogPath)!);
        var start = new ProcessStartInfo(a0Command[0])
        {
            WorkingDirectory = request.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in a0Command.Skip(1).Concat(request.Args.Skip(1)))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in request.Environment)
        {
            start.Environment[name] = value;
        }

        await using var log = new StreamWriter(request.LogPath, append: true) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        // The no-argument wait also drains the redirected output into the log.
        process.WaitForExit();
        return new LaunchResult(process.ExitCode);
    }
}
