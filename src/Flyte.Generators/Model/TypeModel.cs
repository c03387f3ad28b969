namespace Flyte.Generators.Model;

/// <summary>
/// A parameter, output or property type, reduced to what the emitter needs.
/// <see cref="Element"/> is the element of a collection, the value of a map, or the underlying
/// type of a nullable; <see cref="Members"/> holds enum member names or record properties.
/// </summary>
internal sealed record TypeModel(
    TypeShape Shape,
    string FullyQualifiedName,
    string DisplayName,
    TypeModel? Element,
    EquatableArray<string> EnumMembers,
    RecordModel? Record);
