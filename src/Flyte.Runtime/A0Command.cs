using Flyte.Runtime.CommandLine;


namespace Flyte.Runtime;

/// <summary>What the <c>a0</c> process does with its command line; Program.cs only wires it to the console.</summary>
internal static class A0Command
{
    /// <summary>Exit code for a command line a0 cannot use.</summary>
    public const int UsageError = 2;

    /// <summary>The executor numbers the attempts of an action from 0 in this variable (as for flyte-sdk's tasks).</summary>
    public const string AttemptNumberVariable = "FLYTE_ATTEMPT_NUMBER";

    public static int Run(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count > 0 && args[0] == Worker.WorkerArguments.Verb)
        {
            // A reusable environment's worker: many actions in this one process (docs/workers.md).
            return Worker.WorkerCommand.Run(args, getEnvironmentVariable, stdout, stderr);
        }
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
        int attempt = int.TryParse(getEnvironmentVariable(AttemptNumberVariable), out int number) && number >= 0 ? number : 0;
        return new Execution.ActionRunner(stdout).Run(result.Arguments, attempt, cancellation.Token);
    }
}
