using Spectre.Console;

namespace Flyte.Cli.Tests.Infrastructure;

/// <summary>A CLI console that claims to be an interactive ANSI terminal, writing into <paramref name="output"/>.</summary>
internal static class TerminalConsole
{
    public static CliConsole Over(StringWriter output)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        return new CliConsole(output, new StringWriter(), isTerminal: true, ansi: terminal);
    }
}
