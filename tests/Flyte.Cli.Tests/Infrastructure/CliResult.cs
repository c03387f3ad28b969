namespace Flyte.Cli.Tests.Infrastructure;

/// <summary>What one flyte command did: its exit code and what it wrote to each stream.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
