namespace Flyte.Cli.Tests.Infrastructure;

/// <summary><c>flyte run --local</c> with its run and cache folders in a temporary folder, so tests neither share nor leave state.</summary>
internal static class LocalRun
{
    public static Task<CliResult> RunAsync(TemporaryDirectory scratch, string target, string task, params string[] inputsAndOptions) =>
        InProcessCli.RunAsync(["run", "--local", target, task, .. inputsAndOptions, "--run-dir", scratch.Combine("run"), "--cache-dir", scratch.Combine("cache")]);
}
