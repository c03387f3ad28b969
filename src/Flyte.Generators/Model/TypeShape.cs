namespace Flyte.Generators.Model;

/// <summary>The supported C# type families; each maps to one Flyte LiteralType and literal encoding.</summary>
internal enum TypeShape
{
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    String,
    DateTime,
    DateTimeOffset,
    TimeSpan,
    Guid,
    Enum,
    Array,
    List,
    ReadOnlyList,
    Dictionary,
    ReadOnlyDictionary,
    NullableValue,
    NullableReference,
    Record,
    FlyteFile,
    FlyteDirectory,
}
