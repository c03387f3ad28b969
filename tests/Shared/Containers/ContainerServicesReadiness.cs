namespace Flyte.Tests.Shared;

/// <summary>
/// Makes sure the container tests' services are there, starting them with tools/containers/start.sh when they are not
/// and it can run, so that the README's test command works on a fresh machine.
/// </summary>
internal static class ContainerServicesReadiness
{
    public const string StartCommand = "sudo bash tools/containers/start.sh";

    /// <summary>Null when everything answers (after a start if needed); otherwise one line that says what is missing and what to run.</summary>
    public static async Task<string?> EnsureAsync(IContainerServicesHost host)
    {
        var before = await host.ProbeAsync();
        if (before.Ready)
        {
            return null;
        }
        if (host.WhyStartCannotRun() is { } whyNot)
        {
            return $"the container tests need {before.Missing}, and cannot start them here ({whyNot}): run `{StartCommand}` (what .ci/run does), then the tests again";
        }
        var start = await host.StartAsync();
        if (start.ExitCode != 0)
        {
            return $"the container tests need {before.Missing}; `bash tools/containers/start.sh` failed with exit code {start.ExitCode}: {LastLines(start.Output)}";
        }
        var after = await host.ProbeAsync();
        return after.Ready
            ? null
            : $"the container tests need {after.Missing}, still missing after `bash tools/containers/start.sh` succeeded: {LastLines(start.Output)}";
    }

    private static string LastLines(string output)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(5));
    }
}
