namespace Flyte.Generators.Model;

/// <summary>
/// The default value of a record member: a constructor parameter's default or a property's initializer. A member
/// with one is optional in the record's JSON schema, as a dataclass field with a default is in flyte-sdk's.
/// </summary>
/// <param name="Kind">What the default is.</param>
/// <param name="Text">For <see cref="DefaultKind.Constant"/>: the value in invariant text (an enum's member name,
/// a number's round-trip form), or null for a null default.</param>
internal sealed record DefaultModel(DefaultKind Kind, string? Text)
{
    public static DefaultModel Null { get; } = new(DefaultKind.Constant, null);
}

internal enum DefaultKind
{
    /// <summary>A compile-time constant: written into the schema as <c>"default"</c>.</summary>
    Constant,

    /// <summary><c>= default</c> of a struct that has no constant form (TimeSpan, Guid, …): the schema cannot state it.</summary>
    ZeroStruct,

    /// <summary>A property initializer that is not a constant (<c>= []</c>, <c>= new()</c>): like a dataclass's
    /// <c>default_factory</c>, the schema does not state it; a reader missing the member takes a fresh instance's value.</summary>
    Initializer,
}
