using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// A record member's constant default as generated code: the C# value a reader gives the member when its key is
/// missing (the schema states it as JSON, see <see cref="SchemaJson"/>).
/// </summary>
internal static class DefaultExpressions
{
    /// <summary>A C# expression of the member's type.</summary>
    public static string CSharp(TypeModel type, string? text)
    {
        if (text is null)
        {
            return "null";
        }
        var underlying = Underlying(type);
        return underlying.Shape switch
        {
            TypeShape.Boolean => text,
            TypeShape.Single => text + "f",
            TypeShape.Double => text + "d",
            TypeShape.Decimal => text + "m",
            TypeShape.String => Text.Literal(text),
            TypeShape.Enum => $"{underlying.FullyQualifiedName}.{TaskEmitter.Identifier(text)}",
            _ => $"({underlying.FullyQualifiedName})({text})",
        };
    }

    private static TypeModel Underlying(TypeModel type) =>
        type.Shape is TypeShape.NullableValue or TypeShape.NullableReference ? type.Element! : type;
}
