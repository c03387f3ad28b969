namespace Flyte.Idl.Tests;

/// <summary>Runs the dotnet CLI as a child process and captures what it prints.</summary>
internal static class DotnetCommand
{
    public static ChildProcess.Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var variables = environment.ToDictionary(e => e.Key, e => (string?)e.Value);
        // A build server left behind by the child would outlive the test.
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return ChildProcess.Run("dotnet", arguments, variables, TimeSpan.FromMinutes(5), workingDirectory);
    }
}
