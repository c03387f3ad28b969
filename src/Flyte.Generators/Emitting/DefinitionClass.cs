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
}
