using System.Diagnostics;
using Flyte.Devbox.Execution.Workers;

namespace Flyte.Devbox.Execution;

/// <summary>
/// A local process the <see cref="ProcessLauncher"/> started: everything it prints goes to its log file, and while it
/// runs a marker beside its working directory (<c>&lt;folder&gt;.running</c>) names it and its start time, so that a devbox
/// restarted after a crash finds and stops it (<see cref="ProcessLauncher.StopOrphansAsync"/>). An attempt's process,
/// or a reusable environment's worker.
/// </summary>
internal sealed class LoggedProcess : LaunchedWorker
{
    public const string MarkerSuffix = ".running";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logGate = new();
    private readonly string _marker;
    private readonly int _id;

    private LoggedProcess(Process process, StreamWriter log, string marker)
    {
        _process = process;
        // Kept: the Process is disposed once it has ended, and its id is wanted after that too.
        _id = process.Id;
        _log = log;
        _marker = marker;
        Exited = WaitForExitAsync();
    }

    public override string Description => $"process {_id}";

    /// <summary>Completes once the process has ended, its output is in the log and its marker is gone.</summary>
    public override Task<int> Exited { get; }

    public static async Task<LoggedProcess> StartAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string workingDirectory, string logPath)
    {
        Directory.CreateDirectory(workingDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            await log.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        string marker = MarkerOf(workingDirectory);
        await File.WriteAllTextAsync(marker, RunningProcess.Describe(process), CancellationToken.None).ConfigureAwait(false);
        return new LoggedProcess(process, log, marker);
    }

    public static string MarkerOf(string workingDirectory) => Path.TrimEndingDirectorySeparator(workingDirectory) + MarkerSuffix;

    public override async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has ended already.
        }
        await Exited.ConfigureAwait(false);
    }

    private async Task<int> WaitForExitAsync()
    {
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            // The no-argument wait also drains the redirected output into the log.
            _process.WaitForExit();
            return _process.ExitCode;
        }
        finally
        {
            File.Delete(_marker);
            lock (_logGate)
            {
                _log.Dispose();
            }
            _process.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
