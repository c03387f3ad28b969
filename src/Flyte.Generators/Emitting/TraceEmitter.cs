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
        DefinitionClass.EmitContainer(w, "The generated definitions of this assembly's traces, for its call interceptors.",
            MethodKeys.TraceDefinitionsClassName, traces.OrderBy(t => t.MethodKey, System.StringComparer.Ordinal).ToList(), EmitDefinition);
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
