using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// One file with the definitions of every [Trace] method of the compilation, in <c>Flyte.Generated</c>: a trace needs
/// no partial class, and only the generated interceptors reach its definition.
/// </summary>
internal static class TraceEmitter
{
    public const string HintName = "FlyteTraces.g.cs";

    public static string Emit(IReadOnlyList<TraceModel> traces)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {TaskEmitter.GeneratedNamespace}");
        w.Line("/// <summary>The generated definitions of this assembly's traces, for its call interceptors.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"internal static class {MethodKeys.TraceDefinitionsClassName}");
        bool first = true;
        foreach (var trace in traces.OrderBy(t => t.MethodKey, System.StringComparer.Ordinal))
        {
            if (!first)
            {
                w.Line();
            }
            first = false;
            EmitDefinition(w, trace);
        }
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitDefinition(SourceWriter w, TraceModel trace)
    {
        string methodName = trace.ContainingTypeDisplayName + "." + trace.MethodName;
        DefinitionClass.Emit(w,
            $"Flyte trace <c>{Text.Escape(trace.MethodName)}</c>: <c>{Text.Escape(methodName)}</c>.",
            MethodKeys.TraceDefinitionClassName(trace.MethodKey, trace.MethodName),
            "global::Flyte.Tasks.TraceDefinition",
            $"{Text.Literal(trace.MethodName)}, {Text.Literal(trace.CodeVersion)}, {Text.Literal(methodName)}",
            trace.Parameters, trace.Return);
    }
}
