using System.Diagnostics;

namespace Flyte.Devbox.Execution;

/// <summary>
/// Runs an attempt as a local process: <c>a0</c> (the first arg) becomes <paramref name="a0Command"/> (for example
/// <c>dotnet /path/a0.dll</c>), everything it prints goes to the attempt's log file, and cancellation kills the
/// whole process tree. While it runs, a marker beside its working directory (<c>&lt;attempt&gt;.running</c>) names the
/// process and its start time, so that a devbox restarted after a crash finds and stops it (<see cref="StopOrphansAsync"/>).
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
        string marker = MarkerOf(request.WorkingDirectory);
        await File.WriteAllTextAsync(marker, RunningProcess.Describe(process), CancellationToken.None).ConfigureAwait(false);
        try
        {
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
        finally
        {
            File.Delete(marker);
        }
    }

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken)
    {
        int stopped = 0;
        if (!Directory.Exists(workRoot))
        {
            return Task.FromResult(stopped);
        }
        foreach (string marker in Directory.EnumerateFiles(workRoot, "*" + MarkerSuffix, SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only the very process the marker names: its id may have been reused since, by a process started later.
            if (RunningProcess.Find(File.ReadAllText(marker)) is { } orphan)
            {
                using (orphan)
                {
                    orphan.Kill(entireProcessTree: true);
                    orphan.WaitForExit();
                }
                stopped++;
            }
            File.Delete(marker);
        }
        return Task.FromResult(stopped);
    }

    private const string MarkerSuffix = ".running";

    private static string MarkerOf(string workingDirectory) => Path.TrimEndingDirectorySeparator(workingDirectory) + MarkerSuffix;
}
