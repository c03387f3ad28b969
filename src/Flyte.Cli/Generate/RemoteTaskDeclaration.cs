using System.Text;
using Flyteidl2.Task;

namespace Flyte.Cli.Generate;

/// <summary>
/// The C# source of a [RemoteTask] declaration for a deployed task: a <c>static partial</c> method whose parameters are
/// the task's required inputs and whose result is its outputs (one, or a tuple), plus the enums and records they use.
/// Inputs with a deployed default are left out, so the defaults apply; the comment above the method lists them.
/// </summary>
internal static class RemoteTaskDeclaration
{
    public static string Write(TaskDetails deployed, string? ns, string className, string? methodName, bool pinVersion)
    {
        var template = deployed.Spec.TaskTemplate;
        string taskName = deployed.TaskId.Name;
        string method = methodName ?? Identifiers.Pascal(taskName.Split('.').Last());
        if (!Identifiers.IsValid(method) || !Identifiers.IsValid(className))
        {
            throw new UsageException($"'{(Identifiers.IsValid(method) ? className : method)}' is not a C# name; give another with --{(Identifiers.IsValid(method) ? "class" : "method")}");
        }
        var types = new CSharpTypes();
        var defaults = deployed.Spec.DefaultInputs.Where(p => p.Parameter?.Default is not null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = new List<string>();
        var leftOut = new List<string>();
        foreach (var input in template.Interface?.Inputs?.Variables ?? [])
        {
            if (defaults.Contains(input.Key))
            {
                leftOut.Add(input.Key);
                continue;
            }
            parameters.Add($"{types.Of(input.Value.Type, $"input '{input.Key}'", input.Key)} {ParameterName(input.Key)}");
        }
        var outputs = (template.Interface?.Outputs?.Variables ?? []).ToList();
        string result = outputs.Count switch
        {
            0 => "Task",
            1 when outputs[0].Key == "o0" => $"Task<{types.Of(outputs[0].Value.Type, "the output", method + "Result")}>",
            _ => $"Task<({string.Join(", ", outputs.Select(o => (types.Of(o.Value.Type, $"output '{o.Key}'", method + Identifiers.Pascal(o.Key)) + " " + TupleName(o.Key)).TrimEnd()))})>",
        };

        var text = new StringBuilder();
        text.Append("// The deployed task ").Append(taskName).Append(", version ").Append(deployed.TaskId.Version)
            .Append(", in ").Append(deployed.TaskId.Project).Append('/').Append(deployed.TaskId.Domain)
            .Append(": written by 'flyte generate remote-task ").Append(taskName).Append("'.\n");
        text.Append("using System.Threading.Tasks;\nusing Flyte;\n\n");
        if (ns is { Length: > 0 })
        {
            text.Append("namespace ").Append(ns).Append(";\n\n");
        }
        text.Append("public static partial class ").Append(className).Append("\n{\n");
        if (deployed.Spec.Documentation?.ShortDescription is { Length: > 0 } description)
        {
            text.Append("    /// <summary>").Append(System.Security.SecurityElement.Escape(description)).Append("</summary>\n");
        }
        if (leftOut.Count > 0)
        {
            text.Append("    // Left out, so the deployed defaults apply: ").Append(string.Join(", ", leftOut)).Append(".\n");
        }
        text.Append("    [RemoteTask(\"").Append(taskName).Append('"');
        if (pinVersion)
        {
            text.Append(", Version = \"").Append(deployed.TaskId.Version).Append('"');
        }
        text.Append(")]\n");
        text.Append("    public static partial ").Append(result).Append(' ').Append(method).Append('(').Append(string.Join(", ", parameters)).Append(");\n}\n");
        foreach (string declaration in types.Declarations)
        {
            text.Append('\n').Append(declaration);
        }
        return text.ToString();
    }

    /// <summary>A tuple element named as the output, unless it is o0, o1, … which an unnamed element stands for already.</summary>
    private static string TupleName(string output) =>
        output.Length > 1 && output[0] == 'o' && output[1..].All(char.IsAsciiDigit) ? "" : ParameterName(output);

    private static string ParameterName(string name)
    {
        if (Identifiers.IsValid(name))
        {
            return name;
        }
        if (Identifiers.IsValid("x" + name) && char.IsLetter(name[0]))
        {
            return "@" + name;
        }
        throw new UsageException($"'{name}' is not a C# name, so no C# parameter or tuple element can carry it; declare the task by hand");
    }
}
