namespace Flyte.Cli.Run;

/// <summary>
/// Splits what follows <c>run</c> into the names before the task's inputs (target and task) and the
/// inputs themselves. Done by hand because a parser binds positional arguments wherever they
/// appear: in <c>run --local Square --x 1</c> it would take "1" for the task.
/// </summary>
/// <remarks>
/// The run's own options are recognized anywhere (<c>--json</c> may follow the inputs); after a
/// lone <c>--</c> everything is an input, for a task whose input shares a name with one of them.
/// </remarks>
internal sealed record RunTokens(IReadOnlyList<string> Names, IReadOnlyList<string> Inputs)
{
    public static RunTokens Split(IReadOnlyList<string> tokens, IReadOnlySet<string> flags, IReadOnlySet<string> optionsWithValue)
    {
        var names = new List<string>();
        var inputs = new List<string>();
        bool inInputs = false;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (token == "--")
            {
                inputs.AddRange(tokens.Skip(i + 1));
                break;
            }
            if (flags.Contains(token))
            {
                if (i + 1 < tokens.Count && bool.TryParse(tokens[i + 1], out _))
                {
                    i++;
                }
                continue;
            }
            if (optionsWithValue.Concat(flags).Any(o => token.StartsWith(o + "=", StringComparison.Ordinal)))
            {
                continue;
            }
            if (optionsWithValue.Contains(token))
            {
                i++;
                continue;
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
        return new RunTokens(names, inputs);
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
