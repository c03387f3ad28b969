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

        // Current stage: report what would run. Loading the code bundle, reading inputs.pb and
        // writing outputs.pb / error.pb arrive with the runtime issue.
        A0Arguments a = result.Arguments;
        stdout.WriteLine($"a0: would run task {a.TaskName} with inputs {a.Inputs}, writing outputs to {a.OutputsPath}");
        return 0;
    }
}
