namespace Flyte.Generators.Model;

/// <summary>
/// A record or class that travels as a STRUCT (msgpack). Built either through a constructor whose
/// parameters match properties by name (positional records) or through its property setters.
/// </summary>
internal sealed record RecordModel(
    string Identifier,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<string> ConstructorParameters);

/// <summary>One public property of a record: its C# name, the key it has in msgpack/JSON, its type, its default if it has one.</summary>
internal sealed record PropertyModel(string Name, string Key, TypeModel Type, bool IsSettable, DefaultModel? Default);
