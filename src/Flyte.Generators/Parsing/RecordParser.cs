using System;
using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>Records and classes with public properties: the STRUCT types, carried as msgpack.</summary>
internal static class RecordParser
{
    public delegate TypeModel? ParseProperty(ITypeSymbol type, out string? unsupported);

    public static bool IsCandidate(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && !type.IsAbstract
        && !type.IsGenericType
        && type.SpecialType == SpecialType.None
        && type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
        && !IsInFrameworkNamespace(type)
        && PublicProperties(type).Any();

    /// <summary>
    /// Types of the System namespaces (Uri, Version, StringBuilder…) have public properties but are not records to carry
    /// as a STRUCT. Decided by the outermost namespace symbol, so SystemsBiology.Sample is a record.
    /// </summary>
    private static bool IsInFrameworkNamespace(INamedTypeSymbol type)
    {
        var outermost = type.ContainingNamespace;
        while (outermost is { ContainingNamespace.IsGlobalNamespace: false })
        {
            outermost = outermost.ContainingNamespace;
        }
        return outermost is { IsGlobalNamespace: false, Name: "System" };
    }

    public static RecordModel? Parse(INamedTypeSymbol type, Compilation compilation, ParseProperty parseProperty, out string? unsupported)
    {
        unsupported = null;
        var properties = new List<PropertyModel>();
        var symbols = new Dictionary<string, IPropertySymbol>();
        foreach (var property in PublicProperties(type))
        {
            var propertyType = parseProperty(property.Type, out unsupported);
            if (propertyType is null)
            {
                unsupported = Explain(unsupported ?? property.Type.ToDisplayString(), type, property);
                return null;
            }
            if (ContainsBlob(propertyType))
            {
                // A blob's upload and download belong to the task boundary, not to a record's msgpack.
                unsupported = $"{propertyType.DisplayName} (property {type.Name}.{property.Name}: pass files, folders and tables as task parameters, not inside records)";
                return null;
            }
            bool settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            properties.Add(new PropertyModel(property.Name, property.Name, propertyType, settable, null));
            symbols[property.Name] = property;
        }

        var constructor = ChooseConstructor(type, properties, out var constructorSymbol);
        if (constructor is null)
        {
            unsupported = $"{type.Name} (needs a public constructor whose parameters all match its properties by name, or a parameterless one)";
            return null;
        }

        // Get-only properties that no constructor parameter sets are computed: they do not travel.
        properties.RemoveAll(p => !p.IsSettable && !constructor.Contains(p.Name));
        if (properties.Count == 0)
        {
            unsupported = $"{type.Name} (has no settable or constructor-initialised public properties)";
            return null;
        }

        bool hasRequiredMembers = type.GetMembers().Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true });
        for (int i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            int parameter = Array.IndexOf(constructor, property.Name);
            var @default = parameter >= 0
                ? MemberDefaults.OfParameter(constructorSymbol!.Parameters[parameter], property.Type)
                : MemberDefaults.OfInitializer(symbols[property.Name], property.Type, compilation, allowInitializer: !hasRequiredMembers);
            properties[i] = property with { Default = @default };
        }

        string identifier = GeneratedIdentifier(MethodIdentity.MetadataName(type));
        return new RecordModel(identifier, new EquatableArray<PropertyModel>(properties), new EquatableArray<string>(constructor));
    }

    /// <summary>
    /// A C# identifier for a type's metadata name (<c>Ns.Outer+Inner</c>) that no other name maps to: every '_' of the
    /// output starts a two-character code ('_' as "_U", '.' as "_D", '+' as "_N"), so <c>A.B_C</c> and <c>A.B.C</c>
    /// stay apart (<c>A_DB_UC</c>, <c>A_DB_DC</c>).
    /// </summary>
    public static string GeneratedIdentifier(string metadataName)
    {
        var builder = new System.Text.StringBuilder(metadataName.Length + 8);
        foreach (char c in metadataName)
        {
            switch (c)
            {
                case '_': builder.Append("_U"); break;
                case '.': builder.Append("_D"); break;
                case '+': builder.Append("_N"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    /// <summary>How the type parser says a record it is still reading turned up inside itself.</summary>
    public const string ContainsItself = " contains itself";

    private const string LoopAdvice = " (records cannot contain themselves: keep the items in one flat list and refer to them by index or key)";

    /// <summary>
    /// Says which property holds the unsupported type. A loop is told once, at the property that closes it
    /// ("Tree contains itself through Tree.Children"); the records around it add nothing.
    /// </summary>
    private static string Explain(string unsupported, INamedTypeSymbol type, IPropertySymbol property)
    {
        if (unsupported.EndsWith(LoopAdvice, StringComparison.Ordinal))
        {
            return unsupported;
        }
        return unsupported.EndsWith(ContainsItself, StringComparison.Ordinal)
            ? $"{unsupported} through {type.Name}.{property.Name}{LoopAdvice}"
            : $"{unsupported} (property {type.Name}.{property.Name})";
    }

    private static bool ContainsBlob(TypeModel type) =>
        type.Shape is TypeShape.FlyteFile or TypeShape.FlyteDirectory or TypeShape.DataFrame || (type.Element is { } element && ContainsBlob(element));

    private static IEnumerable<IPropertySymbol> PublicProperties(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer && p.GetMethod is not null
                        && !(p.Name == "EqualityContract" && type.IsRecord));

    /// <returns>The property names the widest fitting public constructor takes, in order; empty for a parameterless one; null when none fits.</returns>
    private static string[]? ChooseConstructor(INamedTypeSymbol type, List<PropertyModel> properties, out IMethodSymbol? chosen)
    {
        chosen = null;
        var candidates = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length);
        foreach (var constructor in candidates)
        {
            var names = new List<string>();
            foreach (var parameter in constructor.Parameters)
            {
                var match = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    names = null;
                    break;
                }
                names.Add(match.Name);
            }
            if (names is null)
            {
                continue;
            }
            chosen = constructor;
            return names.ToArray();
        }
        return null;
    }
}
