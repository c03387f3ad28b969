using Flyte.Runtime.CommandLine;


namespace Flyte.Runtime;

/// <summary>What the <c>a0</c> process does with its command line; Program.cs only wires it to the console.</summary>
internal static class A0Command
{
    /// <summary>Exit code for a command line a0 cannot use.</summary>
    public const int UsageError = 2;

    public static int Run(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable, TextWriter stdout, TextWriter stderr)
    {
        A0ParseResult result = A0ArgumentParser.Parse(args, getEnvironmentVariable);
        foreach (string warning in result.Warnings)
        {
            stderr.WriteLine($"a0: warning: {warning}");
        }
        if (!result.Succeeded)
        {
            stderr.WriteLine($"a0: error: {result.Error}");
            return UsageError;
        }

        // The executor stops a pod with SIGTERM: cancel the task's token so it can stop cleanly.
        using var cancellation = new CancellationTokenSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            context => { context.Cancel = true; cancellation.Cancel(); });
        return new Execution.ActionRunner(stdout).RunAsync(result.Arguments, cancellation.Token).GetAwaiter().GetResult();
    }
}
