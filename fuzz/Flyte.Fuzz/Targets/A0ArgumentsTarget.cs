using Flyte.Runtime.CommandLine;

namespace Flyte.Fuzz.Targets;

/// <summary>
/// a0's command line (<see cref="A0ArgumentParser.Parse"/>). It never throws: it returns arguments that name inputs,
/// outputs and a task, or a one-line error; every warning is one line too (a0 prints each as a line of its log).
/// </summary>
public static class A0ArgumentsTarget
{
    public const string Name = "a0-args";

    /// <summary>Separates the command line from the environment in an input.</summary>
    private const byte EnvironmentMarker = 1;

    public static FuzzTarget Target { get; } = new(
        Name,
        "a0's arguments separated by NUL; optionally a 0x01 byte and then NAME=value environment entries separated by NUL",
        ["a0.dll Flyte.Runtime.CommandLine"],
        Run);

    public static void Run(byte[] input)
    {
        int marker = Array.IndexOf(input, EnvironmentMarker);
        string[] args = FuzzInput.Split(marker < 0 ? input : input.AsSpan(0, marker));
        Dictionary<string, string> environment = marker < 0 ? [] : Environment(input.AsSpan(marker + 1));

        A0ParseResult result = A0ArgumentParser.Parse(args, name => environment.GetValueOrDefault(name));

        foreach (string warning in result.Warnings)
        {
            FuzzInput.RequireOneLine(warning, "a0's warning");
        }
        if (!result.Succeeded)
        {
            FuzzInput.RequireOneLine(result.Error, "a0's parse error");
            return;
        }
        A0Arguments parsed = result.Arguments;
        if (string.IsNullOrWhiteSpace(parsed.Inputs) || string.IsNullOrWhiteSpace(parsed.OutputsPath) || string.IsNullOrWhiteSpace(parsed.TaskName))
        {
            throw new ContractViolationException($"a0 accepted a command line without inputs, outputs or a task: {parsed}");
        }
        if (parsed.Resolver != A0ArgumentParser.DotnetResolver)
        {
            throw new ContractViolationException($"a0 accepted the resolver '{parsed.Resolver}'");
        }
        if (parsed.RunStartTime is { Offset: var offset } && offset != TimeSpan.Zero)
        {
            throw new ContractViolationException($"--run-start-time parsed to {parsed.RunStartTime}, not UTC");
        }
    }

    // Later entries of a name win, as with setenv.
    private static Dictionary<string, string> Environment(ReadOnlySpan<byte> bytes)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in FuzzInput.Split(bytes))
        {
            int equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[entry[..equals]] = entry[(equals + 1)..];
            }
        }
        return environment;
    }
}
