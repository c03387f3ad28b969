using System.Diagnostics;

namespace Flyte.Tests.Shared;

/// <summary>Runs a program as a child process with a time limit, and returns its exit code and everything it printed.</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output);

    /// <param name="environment">Variables to set; a null value removes the variable from the child's environment.</param>
    public static Result Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}");
        }
        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }
}
