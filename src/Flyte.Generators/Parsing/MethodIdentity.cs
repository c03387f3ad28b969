using System.Linq;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>The names that identify a task method, the same whether read from its declaration or from a call to it.</summary>
internal static class MethodIdentity
{
    public static readonly SymbolDisplayFormat FullyQualified =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>Ns.Outer+Inner</c>: a nested type's name cannot be mistaken for a namespace's.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        var outermost = type;
        while (outermost.ContainingType is { } outer)
        {
            name = outer.MetadataName + "+" + name;
            outermost = outer;
        }
        return outermost.ContainingNamespace.IsGlobalNamespace ? name : outermost.ContainingNamespace.ToDisplayString() + "." + name;
    }

    /// <summary>The parameter types, fully qualified, in parentheses: what tells overloads apart.</summary>
    public static string Signature(IMethodSymbol method) =>
        "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(FullyQualified))) + ")";

    public static string Key(IMethodSymbol method) =>
        Model.MethodKeys.Of(MetadataName(method.ContainingType), method.Name, Signature(method));
}
