namespace Flyte.Generators.Model;

internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfValue,
    ValueTask,
    ValueTaskOfValue,
}

/// <summary>
/// How the method returns: synchronously or through Task/ValueTask, and the outputs the result
/// becomes (one <c>o0</c>, a tuple's elements, or none).
/// </summary>
internal sealed record ReturnModel(ReturnKind Kind, string FullyQualifiedReturnType, string? FullyQualifiedResultType, EquatableArray<OutputModel> Outputs, bool IsTuple);

/// <summary>An output: its Flyte name and, for tuples, the element field it comes from (Item1, or the element name).</summary>
internal sealed record OutputModel(string Name, string TupleField, TypeModel Type);
