namespace Flyte.Runtime.Tests;

/// <summary>Runs the built a0.dll (copied beside the tests by the project reference) as a child process.</summary>
internal static class A0Process
{
    /// <summary>The child must not pick up the executor's variables from the machine running the tests.</summary>
    private static readonly Dictionary<string, string?> WithoutExecutorVariables =
        new[] { "ACTION_NAME", "RUN_NAME", "_U_RUN_BASE", "_U_ORG_NAME", "FLYTE_INTERNAL_EXECUTION_PROJECT", "FLYTE_INTERNAL_EXECUTION_DOMAIN", "_U_EP_OVERRIDE", "_U_INSECURE", "_U_USE_ACTIONS" }
            .ToDictionary(name => name, _ => (string?)null);

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var result = ChildProcess.Run("dotnet", [SampleOutputs.A0, .. args], WithoutExecutorVariables, TimeSpan.FromMinutes(1));
        return (result.ExitCode, result.Output);
    }
}
