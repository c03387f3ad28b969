using Flyte.Build;
using Flyte.Cli.Json;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Cli.Run;

/// <summary>
/// Turns the flags after a task's name (<c>--n 10 --names '["a"]'</c>, or <c>--n=10</c>) into its
/// input literals, in declaration order. Every mistake is a <see cref="UsageException"/> whose one
/// line names the input and its type.
/// </summary>
internal static class TaskInputs
{
    public static LiteralMap Parse(TaskDefinition task, IReadOnlyList<string> tokens)
    {
        var types = task.Interface.Inputs.Variables.ToDictionary(v => v.Key, v => v.Value.Type, StringComparer.Ordinal);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new UsageException($"unexpected argument \"{OneLine(token)}\"; inputs are given as --name value");
            }
            string flag = token[2..];
            string? value = null;
            int equals = flag.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = flag[(equals + 1)..];
                flag = flag[..equals];
            }
            string name = ResolveName(task, flag, types);
            if (value is null)
            {
                bool nextIsValue = i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal);
                if (nextIsValue)
                {
                    value = tokens[++i];
                }
                else if (IsBoolean(types[name]))
                {
                    value = "true";
                }
                else
                {
                    throw new UsageException($"input --{name} ({LiteralTypeDescription.Of(types[name])}) needs a value");
                }
            }
            if (!given.TryAdd(name, value))
            {
                throw new UsageException($"input --{name} is given twice");
            }
        }

        var defaults = task.DefaultInputs.Literals;
        var missing = task.InputNames.Where(n => !given.ContainsKey(n) && !defaults.ContainsKey(n) && LiteralTypeDescription.OptionalValueType(types[n]) is null).ToList();
        if (missing.Count > 0)
        {
            string list = string.Join(", ", missing.Select(n => $"--{n} ({LiteralTypeDescription.Of(types[n])})"));
            throw new UsageException($"missing input{(missing.Count > 1 ? "s" : "")} {list} for {task.Name}");
        }

        var inputs = new LiteralMap();
        foreach (string name in task.InputNames)
        {
            var type = types[name];
            if (!given.TryGetValue(name, out string? text) && defaults.TryGetValue(name, out var defaultValue))
            {
                // An input with a C# default left out takes it, as flyte-sdk's CLI takes a Python default.
                inputs.Literals.Add(name, defaultValue);
                continue;
            }
            if (text is null)
            {
                // A T? left out is none, as flyte-sdk's CLI defaults an Optional input.
                inputs.Literals.Add(name, CommandLineValue.Parse("null", type));
                continue;
            }
            try
            {
                inputs.Literals.Add(name, CommandLineValue.Parse(text, type));
            }
            catch (LiteralConversionException e)
            {
                throw new UsageException($"input --{name} ({LiteralTypeDescription.Of(type)}): {OneLine(e.Message)}", e);
            }
        }
        return inputs;
    }

    /// <summary>Whether <paramref name="flag"/> (without its dashes) names one of the task's inputs, as <see cref="Parse"/> would take it.</summary>
    public static bool IsInputFlag(TaskDefinition task, string flag) =>
        task.InputNames.Any(name => name == flag || Loosen(name) == Loosen(flag));

    /// <summary>The input's own name; else the one that matches ignoring case, '-' and '_' (<c>--max-items</c> for maxItems).</summary>
    private static string ResolveName(TaskDefinition task, string flag, IReadOnlyDictionary<string, LiteralType> types)
    {
        if (types.ContainsKey(flag))
        {
            return flag;
        }
        var loose = task.InputNames.Where(n => Loosen(n) == Loosen(flag)).ToList();
        if (loose.Count == 1)
        {
            return loose[0];
        }
        string takes = task.InputNames.Count == 0
            ? "takes no inputs"
            : "takes " + string.Join(", ", task.InputNames.Select(n => $"--{n} ({LiteralTypeDescription.Of(types[n])})"));
        throw new UsageException($"unknown input --{OneLine(flag)}; {task.Name} {takes}");
    }

    private static string Loosen(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static bool IsBoolean(LiteralType type)
    {
        var value = LiteralTypeDescription.OptionalValueType(type) ?? type;
        return value.TypeCase == LiteralType.TypeOneofCase.Simple && value.Simple == SimpleType.Boolean;
    }

    // Messages are one line, whatever the user typed (a pasted value may carry a newline).
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
