using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// A record member's constant default as generated code: the JSON value its schema states (as mashumaro writes the
/// default of a dataclass field) and the C# value a reader gives the member when its key is missing.
/// </summary>
internal static class DefaultExpressions
{
    private const string Value = "global::Google.Protobuf.WellKnownTypes.Value";

    /// <summary>A <c>Value</c>-building expression: null, a boolean, a number, or a string (decimals, enum member names).</summary>
    public static string Json(TypeModel type, string? text)
    {
        if (text is null)
        {
            return $"{Value}.ForNull()";
        }
        return Underlying(type).Shape switch
        {
            TypeShape.Boolean => $"{Value}.ForBool({text})",
            TypeShape.Decimal or TypeShape.String or TypeShape.Enum => $"{Value}.ForString({Text.Literal(text)})",
            _ => $"{Value}.ForNumber({text})",
        };
    }

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
