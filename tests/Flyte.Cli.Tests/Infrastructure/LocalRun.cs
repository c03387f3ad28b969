namespace Flyte.Cli.Tests.Infrastructure;

/// <summary><c>flyte run --local</c> with its run and cache folders in a temporary folder, so tests neither share nor leave state.</summary>
internal static class LocalRun
{
    public static Task<CliResult> RunAsync(TemporaryDirectory scratch, string target, string task, params string[] inputsAndOptions) =>
        InProcessCli.RunAsync(Arguments(scratch, target, task, inputsAndOptions));

    /// <summary>The same, with <paramref name="variables"/> set in the command's environment (a secret's variable, say).</summary>
    public static async Task<CliResult> RunAsync(TemporaryDirectory scratch, IReadOnlyDictionary<string, string> variables, string target, string task, params string[] inputsAndOptions)
    {
        using var environment = new HermeticEnvironment(variables);
        return await InProcessCli.RunAsync(environment.Cli, Arguments(scratch, target, task, inputsAndOptions));
    }

    private static string[] Arguments(TemporaryDirectory scratch, string target, string task, string[] inputsAndOptions) =>
        ["run", "--local", target, task, .. inputsAndOptions, "--run-dir", scratch.Combine("run"), "--cache-dir", scratch.Combine("cache")];
}
