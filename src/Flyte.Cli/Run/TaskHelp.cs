using Flyte.Build;
using Flyte.Cli.Json;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Cli.Run;

/// <summary><c>flyte run --local X Task --help</c>: the task's inputs as flags, with their Flyte types and descriptions, and its outputs.</summary>
internal static class TaskHelp
{
    public static void Write(TextWriter output, TaskDefinition task, string target)
    {
        var declaration = task.Declaration;
        output.WriteLine($"Usage: flyte run [--local] {target} {task.Name} [inputs] [options]");
        output.WriteLine();
        output.WriteLine($"{(declaration.IsWorkflow ? "Workflow" : "Task")} {task.Name} ({declaration.MethodName})");
        if (declaration.Description is { Length: > 0 } description)
        {
            output.WriteLine("  " + description.ReplaceLineEndings(Environment.NewLine + "  "));
        }
        output.WriteLine();

        var inputs = task.Interface.Inputs.Variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        output.WriteLine("Inputs:");
        if (task.InputNames.Count == 0)
        {
            output.WriteLine("  (none)");
        }
        WriteRows(output, task.InputNames.Select(name =>
        {
            var variable = inputs[name];
            bool optional = LiteralTypeDescription.OptionalValueType(variable.Type) is not null;
            string need = task.DefaultInputs.Literals.TryGetValue(name, out var defaultValue)
                ? "default " + Json.LiteralJson.ToJson(defaultValue, variable.Type)
                : optional ? "optional, none when left out" : "required";
            return ($"--{name} <{LiteralTypeDescription.Of(variable.Type)}>", Describe(variable, need));
        }));
        output.WriteLine();

        output.WriteLine("Outputs:");
        if (task.Interface.Outputs.Variables.Count == 0)
        {
            output.WriteLine("  (none)");
        }
        WriteRows(output, task.Interface.Outputs.Variables.Select(v => (v.Key, Describe(v.Value, LiteralTypeDescription.Of(v.Value.Type)))));
        output.WriteLine();

        output.WriteLine("Values: numbers, true/false, text, ISO 8601 dates (2024-05-01T12:00:00Z), durations (PT1M30S, 00:01:30, 90s),");
        output.WriteLine("enum members by name, paths or URIs for files and folders, and JSON for lists, maps and records ('[\"a\",\"b\"]').");
        output.WriteLine("Options: --json (print only the outputs, as one JSON object), --name <run name>; on a control plane (the default):");
        output.WriteLine("--no-wait, --config <file>, --endpoint <url>, --project <p>, --domain <d>; in this process (--local): --cache-dir <dir>,");
        output.WriteLine("--no-cache, --run-dir <dir>. After the task's name, a flag that names one of its inputs is that input.");
    }

    private static string Describe(Variable variable, string prefix) =>
        variable.Description is { Length: > 0 } description ? $"{prefix}; {description}" : prefix;

    private static void WriteRows(TextWriter output, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        int width = list.Count == 0 ? 0 : list.Max(r => r.Left.Length);
        foreach (var (left, right) in list)
        {
            output.WriteLine($"  {left.PadRight(width)}  {right}");
        }
    }
}
