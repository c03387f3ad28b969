using System;
using System.Collections.Generic;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// A generated definition that holds a method's name, its typed interface and its converters, and no task of its own:
/// a trace's (<see cref="TraceEmitter"/>) or a [RemoteTask] declaration's (<see cref="RemoteTaskEmitter"/>). A
/// singleton <c>Instance</c>, a private constructor that passes <paramref name="baseArguments"/> to its base class.
/// </summary>
internal static class DefinitionClass
{
    public static void Emit(SourceWriter w, string summary, string className, string baseType, string baseArguments,
        EquatableArray<ParameterModel> parameters, ReturnModel returns)
    {
        w.Line($"/// <summary>{summary}</summary>");
        w.Open($"internal sealed class {className} : {baseType}");
        w.Line($"public static {className} Instance {{ get; }} = new();");
        w.Line();
        w.Line($"private {className}() : base({baseArguments})");
        w.Line("{");
        w.Line("}");
        w.Line();
        TaskEmitter.EmitInterface(w, parameters, returns);
        TaskEmitter.EmitInputConverters(w, parameters);
        TaskEmitter.EmitOutputConverters(w, returns);
        w.Close();
    }

    /// <summary>The static class in <c>Flyte.Generated</c> that holds the definitions, one <paramref name="emitOne"/> each, a blank line apart.</summary>
    public static void EmitContainer<T>(SourceWriter w, string summary, string className, IReadOnlyList<T> items, Action<SourceWriter, T> emitOne)
    {
        w.Open($"namespace {TaskEmitter.GeneratedNamespace}");
        w.Line($"/// <summary>{summary}</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"internal static class {className}");
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                w.Line();
            }
            emitOne(w, items[i]);
        }
        w.Close();
        w.Close();
    }
}
