using System.Diagnostics;

namespace Flyte.Runtime.Tests;

/// <summary>Runs the built a0.dll (copied beside the tests by the project reference) as a child process.</summary>
internal static class A0Process
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "a0.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The child must not pick up the executor's variables from the machine running the tests.
        foreach (string name in (string[])["ACTION_NAME", "RUN_NAME", "_U_RUN_BASE", "_U_ORG_NAME", "FLYTE_INTERNAL_EXECUTION_PROJECT", "FLYTE_INTERNAL_EXECUTION_DOMAIN", "_U_EP_OVERRIDE", "_U_INSECURE", "_U_USE_ACTIONS"])
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("a0 did not finish in a minute");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
