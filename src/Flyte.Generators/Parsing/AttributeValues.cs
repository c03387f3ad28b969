using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>Named and constructor arguments of one attribute, read as plain values.</summary>
internal sealed class AttributeValues
{
    private readonly Dictionary<string, TypedConstant> _named;

    public AttributeValues(AttributeData? attribute)
    {
        Attribute = attribute;
        _named = attribute?.NamedArguments.ToDictionary(a => a.Key, a => a.Value) ?? new Dictionary<string, TypedConstant>();
    }

    public AttributeData? Attribute { get; }

    public bool Has(string name) => _named.ContainsKey(name);

    public string? String(string name) => _named.TryGetValue(name, out var value) ? value.Value as string : null;

    public int? Int(string name) => _named.TryGetValue(name, out var value) && value.Value is int i ? i : null;

    public bool Bool(string name) => _named.TryGetValue(name, out var value) && value.Value is true;

    public string[] Strings(string name) =>
        _named.TryGetValue(name, out var value) && value.Kind == TypedConstantKind.Array && !value.IsNull
            ? value.Values.Select(v => v.Value as string).Where(v => v is not null).Select(v => v!).ToArray()
            : System.Array.Empty<string>();

    public string? ConstructorString(int index) =>
        Attribute is { } a && a.ConstructorArguments.Length > index ? a.ConstructorArguments[index].Value as string : null;

    /// <summary>The attribute's location in source, for diagnostics about its values.</summary>
    public Location? Location => Attribute?.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    /// <summary>Where the named argument <paramref name="name"/> is written (or the attribute, when it is not).</summary>
    public Location? ArgumentLocation(string name) =>
        (Attribute?.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name)?.GetLocation() ?? Location;

    /// <summary>Where constructor argument <paramref name="index"/> is written (or the attribute).</summary>
    public Location? ConstructorArgumentLocation(int index) =>
        (Attribute?.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .Where(a => a.NameEquals is null).Skip(index).FirstOrDefault()?.GetLocation() ?? Location;
}
