using Spectre.Console;

namespace Flyte.Cli;

/// <summary>
/// Where the CLI writes: results to <see cref="Out"/>, diagnostics to <see cref="Error"/>. Tests
/// pass string writers; the process passes the console.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool isTerminal = false, IAnsiConsole? ansi = null)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Ansi = ansi;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether <see cref="Out"/> is an interactive terminal: live progress then, plain lines otherwise.</summary>
    public bool IsTerminal { get; }

    /// <summary>Draws live progress; null for a Spectre console over <see cref="Out"/>, made when first needed.</summary>
    public IAnsiConsole? Ansi { get; }

    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected && !Console.IsErrorRedirected);
}
