using System.ComponentModel;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>
/// <c>T?</c> travels as a union of the type and none (flyte-sdk's <c>Optional[T]</c>):
/// a value is wrapped in <c>Union{value, type}</c> with the variant's type, null is the none variant.
/// Decoding also accepts a bare value or a bare none, which older writers send.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptionalLiterals
{
    /// <param name="valueType">The type of a present value; <paramref name="typeTag"/> is its union tag, as in the task's union type.</param>
    public static Literal FromReference<T>(T? value, Func<T, Literal> encode, LiteralType valueType, string typeTag) where T : class =>
        value is null ? NoneUnion() : Union(encode(value), Tagged(valueType, typeTag));

    /// <param name="valueType">The type of a present value; <paramref name="typeTag"/> is its union tag, as in the task's union type.</param>
    public static Literal FromValue<T>(T? value, Func<T, Literal> encode, LiteralType valueType, string typeTag) where T : struct =>
        value is null ? NoneUnion() : Union(encode(value.Value), Tagged(valueType, typeTag));

    /// <summary>Null for a none literal, else the value <paramref name="decode"/> reads.</summary>
    public static T? ToReference<T>(Literal literal, Func<Literal, T> decode) where T : class
    {
        var inner = Unwrap(literal);
        return inner is null ? null : decode(inner);
    }

    /// <summary>Null for a none literal, else the value <paramref name="decode"/> reads.</summary>
    public static T? ToValue<T>(Literal literal, Func<Literal, T> decode) where T : struct
    {
        var inner = Unwrap(literal);
        return inner is null ? null : decode(inner);
    }

    /// <summary>The none literal.</summary>
    public static Literal None() => new() { Scalar = new Scalar { NoneType = new Flyteidl2.Core.Void() } };

    private static Literal? Unwrap(Literal literal)
    {
        var inner = literal.Scalar?.Union is { } union ? union.Value : literal;
        return inner is null || inner.Scalar?.ValueCase == Scalar.ValueOneofCase.NoneType ? null : inner;
    }

    /// <summary>flyte-sdk writes the variant's type with its structure tag into Union.type; readers pick the variant by that tag.</summary>
    private static LiteralType Tagged(LiteralType type, string tag)
    {
        var tagged = type.Clone();
        tagged.Structure = new TypeStructure { Tag = tag };
        return tagged;
    }

    private static Literal Union(Literal value, LiteralType valueType) =>
        new() { Scalar = new Scalar { Union = new Union { Value = value, Type = valueType } } };

    private static Literal NoneUnion()
    {
        var noneType = LiteralTypes.None;
        noneType.Structure = new TypeStructure { Tag = "none" };
        return Union(None(), noneType);
    }
}
