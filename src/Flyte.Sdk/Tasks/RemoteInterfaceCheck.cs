using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Tasks;

/// <summary>
/// Whether a [RemoteTask] declaration can call a deployed task: every declared input is a deployed input of a matching
/// type, every deployed input the declaration leaves out has a default, and the declared result is a deployed output of
/// a matching type. Deployed outputs the declaration ignores are fine.
/// </summary>
internal static class RemoteInterfaceCheck
{
    /// <summary>Null when they fit; else the first difference, in words.</summary>
    public static string? Mismatch(RemoteTaskDefinition declared, TaskSpec deployed)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(deployed);
        var deployedInputs = Variables(deployed.TaskTemplate?.Interface?.Inputs);
        var deployedOutputs = Variables(deployed.TaskTemplate?.Interface?.Outputs);
        var defaults = deployed.DefaultInputs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (name, variable) in Variables(declared.Interface.Inputs).OrderBy(v => declared.InputNames.ToList().IndexOf(v.Key)))
        {
            if (!deployedInputs.TryGetValue(name, out var theirs))
            {
                return $"the deployed task has no input '{name}' (its inputs: {Names(deployedInputs.Keys)})";
            }
            if (LiteralTypeMatch.Difference(variable.Type, theirs.Type) is { } difference)
            {
                return $"input '{name}' is {difference}";
            }
        }
        var missing = deployedInputs.Keys.Where(n => !declared.InputNames.Contains(n) && !defaults.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return $"the deployed task requires input{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(n => $"'{n}' ({LiteralTypeDescription.Of(deployedInputs[n].Type)})"))}, which the declaration lacks";
        }
        foreach (var (name, variable) in Variables(declared.Interface.Outputs))
        {
            if (!deployedOutputs.TryGetValue(name, out var theirs))
            {
                return deployedOutputs.Count == 0
                    ? "the declaration has a result but the deployed task returns nothing; declare it as returning Task"
                    : $"the deployed task has no output '{name}' (its outputs: {Names(deployedOutputs.Keys)})";
            }
            if (LiteralTypeMatch.Difference(variable.Type, theirs.Type) is { } difference)
            {
                return $"the result ({name}) is {difference}";
            }
        }
        return null;
    }

    private static Dictionary<string, Variable> Variables(VariableMap? map) =>
        map?.Variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal) ?? new Dictionary<string, Variable>(StringComparer.Ordinal);

    private static string Names(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
