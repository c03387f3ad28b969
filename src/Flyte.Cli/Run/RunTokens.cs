namespace Flyte.Cli.Run;

/// <summary>
/// Splits what follows <c>run</c> into the names before the task's inputs (target and task), the
/// inputs themselves, and the values of the run's own options. Done by hand because a parser binds
/// positional arguments wherever they appear: in <c>run --local Square --x 1</c> it would take "1" for the task.
/// </summary>
/// <remarks>
/// The run's own options are recognized anywhere (<c>--json</c> may follow the inputs), except that
/// once a name was seen, a flag naming one of the task's inputs is that input (<c>--name</c> of a task
/// with an input <c>name</c>; the run's <c>--name</c> then goes before the target). After a lone
/// <c>--</c> everything is an input.
/// </remarks>
internal sealed record RunTokens(IReadOnlyList<string> Names, IReadOnlyList<string> Inputs)
{
    /// <summary>The run's options as given, by the name used: a flag's value is "true" unless a true/false follows it.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <param name="isInput">Whether a flag (without its dashes) names one of the task's inputs; null while the task is not known.</param>
    public static RunTokens Split(IReadOnlyList<string> tokens, IReadOnlySet<string> flags, IReadOnlySet<string> optionsWithValue, Func<string, bool>? isInput = null)
    {
        var names = new List<string>();
        var inputs = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        bool inInputs = false;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (token == "--")
            {
                inputs.AddRange(tokens.Skip(i + 1));
                break;
            }
            bool namesAnInput = names.Count > 0 && isInput is not null && token.StartsWith("--", StringComparison.Ordinal)
                && isInput(token[2..].Split('=', 2)[0]);
            if (!namesAnInput)
            {
                if (flags.Contains(token))
                {
                    bool valueFollows = i + 1 < tokens.Count && bool.TryParse(tokens[i + 1], out _);
                    options[token] = valueFollows ? tokens[++i] : "true";
                    continue;
                }
                if (optionsWithValue.Concat(flags).FirstOrDefault(o => token.StartsWith(o + "=", StringComparison.Ordinal)) is { } withEquals)
                {
                    options[withEquals] = token[(withEquals.Length + 1)..];
                    continue;
                }
                if (optionsWithValue.Contains(token))
                {
                    // A missing value is the parser's error to report; here it is simply absent.
                    if (i + 1 < tokens.Count)
                    {
                        options[token] = tokens[++i];
                    }
                    continue;
                }
            }
            inInputs |= token.StartsWith('-') && token.Length > 1 && !IsNumber(token);
            if (!inInputs && names.Count < 2)
            {
                names.Add(token);
            }
            else
            {
                inInputs = true;
                inputs.Add(token);
            }
        }
        return new RunTokens(names, inputs) { Options = options };
    }

    /// <summary>The tokens after the <c>run</c> command in the whole command line.</summary>
    public static IReadOnlyList<string> AfterCommand(IReadOnlyList<string> args, string command)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == command)
            {
                return args.Skip(i + 1).ToArray();
            }
        }
        return [];
    }

    private static bool IsNumber(string token) => double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _);
}
