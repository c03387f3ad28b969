using System.Diagnostics.CodeAnalysis;

namespace Flyte.Runtime.CommandLine;

/// <summary>The outcome of parsing a0's command line: arguments, or a one-line error; warnings either way.</summary>
internal sealed class A0ParseResult
{
    private A0ParseResult(A0Arguments? arguments, string? error, IReadOnlyList<string> warnings)
    {
        Arguments = arguments;
        Error = error;
        Warnings = warnings;
    }

    public A0Arguments? Arguments { get; }

    public string? Error { get; }

    public IReadOnlyList<string> Warnings { get; }

    [MemberNotNullWhen(true, nameof(Arguments))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Arguments is not null;

    public static A0ParseResult Success(A0Arguments arguments, IReadOnlyList<string> warnings) =>
        new(arguments, null, warnings);

    public static A0ParseResult Failure(string error, IReadOnlyList<string> warnings) =>
        new(null, error, warnings);
}
