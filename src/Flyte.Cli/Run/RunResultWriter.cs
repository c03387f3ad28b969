using System.Text.Json;
using Flyte.Cli.Json;
using Flyte.Local;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Cli.Run;

/// <summary>The end of <c>flyte run</c>: the report tree and the outputs, or the failure with the user's stack trace.</summary>
internal static class RunResultWriter
{
    public static void WriteReport(TextWriter output, LocalRunResult result)
    {
        output.WriteLine($"Run {result.RunName} ({result.RunDirectory})");
        ReportTree.Write(output, result.Report);
    }

    public static void WriteOutputs(TextWriter output, TaskDefinition task, LiteralMap outputs) => WriteOutputs(output, task.Interface, outputs);

    /// <summary>Each output by name, as JSON of its declared type (for a run on a control plane, the deployed spec's interface).</summary>
    public static void WriteOutputs(TextWriter output, TypedInterface taskInterface, LiteralMap outputs)
    {
        var variables = taskInterface.Outputs?.Variables ?? [];
        if (variables.Count == 0)
        {
            output.WriteLine("Outputs: (none)");
            return;
        }
        output.WriteLine("Outputs:");
        foreach (var variable in variables)
        {
            string value = outputs.Literals.TryGetValue(variable.Key, out var literal)
                ? LiteralJson.ToJson(literal, variable.Value.Type)
                : "(missing)";
            output.WriteLine($"  {variable.Key}: {value}");
        }
    }

    /// <summary>One JSON object of the outputs by name, and nothing else: what <c>--json</c> prints for scripts.</summary>
    public static void WriteOutputsJson(TextWriter output, TaskDefinition task, LiteralMap outputs) => WriteOutputsJson(output, task.Interface, outputs);

    public static void WriteOutputsJson(TextWriter output, TypedInterface taskInterface, LiteralMap outputs)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps text as typed ("+", "é"); it is still JSON any parser reads.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var variable in taskInterface.Outputs?.Variables ?? [])
            {
                if (outputs.Literals.TryGetValue(variable.Key, out var literal))
                {
                    writer.WritePropertyName(variable.Key);
                    LiteralJson.WriteJson(writer, literal, variable.Value.Type);
                }
            }
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The run's failure, then each action where it started (a failed action none of whose children failed) with the user's stack trace.</summary>
    public static void WriteFailure(TextWriter error, LocalRunResult result)
    {
        error.WriteLine(result.Failure?.Message ?? $"the run ended {ActionReport.PhaseName(result.Phase)}");
        foreach (var origin in FailureOrigins(result.Report))
        {
            error.WriteLine();
            error.WriteLine($"{origin.Name} {origin.TaskName} {ActionReport.PhaseName(origin.Phase)}:");
            error.WriteLine(origin.Error);
        }
    }

    private static IEnumerable<ActionReport> FailureOrigins(ActionReport root) =>
        root.Descendants().Where(a => IsFailed(a) && a.Error is not null && !a.Children.Any(IsFailed));

    private static bool IsFailed(ActionReport action) =>
        action.Phase is ActionPhase.Failed or ActionPhase.TimedOut or ActionPhase.Aborted;
}
