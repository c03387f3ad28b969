using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>Reduces a C# type to a <see cref="TypeModel"/>, or says why Flyte cannot carry it.</summary>
internal static class TypeParser
{
    private static readonly SymbolDisplayFormat FullyQualified =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <returns>The model, or null with <paramref name="unsupported"/> naming the offending (possibly nested) type.</returns>
    /// <param name="compilation">Where record members' initializers are bound, for their default values.</param>
    public static TypeModel? Parse(ITypeSymbol type, Compilation compilation, out string? unsupported) =>
        Parse(type, compilation, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), out unsupported);

    private static TypeModel? Parse(ITypeSymbol type, Compilation compilation, HashSet<ITypeSymbol> recordsInProgress, out string? unsupported)
    {
        unsupported = null;
        string fullName = type.ToDisplayString(FullyQualified);
        string display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            var inner = Parse(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), compilation, recordsInProgress, out unsupported);
            return inner is null ? null : Make(TypeShape.NullableReference, fullName, display, inner);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = Parse(nullable.TypeArguments[0], compilation, recordsInProgress, out unsupported);
            return inner is null ? null : Make(TypeShape.NullableValue, fullName, display, inner);
        }

        TypeShape? special = type.SpecialType switch
        {
            SpecialType.System_Boolean => TypeShape.Boolean,
            SpecialType.System_SByte => TypeShape.SByte,
            SpecialType.System_Byte => TypeShape.Byte,
            SpecialType.System_Int16 => TypeShape.Int16,
            SpecialType.System_UInt16 => TypeShape.UInt16,
            SpecialType.System_Int32 => TypeShape.Int32,
            SpecialType.System_UInt32 => TypeShape.UInt32,
            SpecialType.System_Int64 => TypeShape.Int64,
            SpecialType.System_UInt64 => TypeShape.UInt64,
            SpecialType.System_Single => TypeShape.Single,
            SpecialType.System_Double => TypeShape.Double,
            SpecialType.System_Decimal => TypeShape.Decimal,
            SpecialType.System_String => TypeShape.String,
            SpecialType.System_DateTime => TypeShape.DateTime,
            _ => null,
        };
        if (special is { } shape)
        {
            return Make(shape, fullName, display);
        }

        var known = KnownTypes.For(compilation);
        if (known.ShapeOf(type) is { } knownShape)
        {
            return knownShape switch
            {
                TypeShape.List or TypeShape.ReadOnlyList => Element((INamedTypeSymbol)type, knownShape, fullName, display, compilation, recordsInProgress, out unsupported),
                TypeShape.Dictionary or TypeShape.ReadOnlyDictionary => MapValue((INamedTypeSymbol)type, knownShape, fullName, display, compilation, recordsInProgress, out unsupported),
                _ => Make(knownShape, fullName, display),
            };
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            var element = Parse(array.ElementType, compilation, recordsInProgress, out unsupported);
            return element is null ? null : Make(TypeShape.Array, fullName, display, element);
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name);
            return new TypeModel(TypeShape.Enum, fullName, display, null, new EquatableArray<string>(members), null);
        }

        // A record is read once per compilation, however many tasks and records use it: every task is parsed again
        // after any edit, and records nest. Only records that passed IsCandidate are cached, so the cache is asked first
        // and IsCandidate (which lists the type's properties) runs once per record.
        if (type is INamedTypeSymbol cached && known.ParsedRecords.TryGetValue(cached, out var parsed))
        {
            return parsed;
        }
        if (type is INamedTypeSymbol named && RecordParser.IsCandidate(named))
        {
            if (!recordsInProgress.Add(named))
            {
                unsupported = display + RecordParser.ContainsItself;
                return null;
            }
            var record = RecordParser.Parse(named, compilation, (ITypeSymbol propertyType, out string? why) => Parse(propertyType, compilation, recordsInProgress, out why), out unsupported);
            recordsInProgress.Remove(named);
            if (record is null)
            {
                // Not cached: the message may name the path by which a record contains itself.
                return null;
            }
            var model = new TypeModel(TypeShape.Record, fullName, display, null, EquatableArray<string>.Empty, record);
            known.ParsedRecords.TryAdd(named, model);
            return model;
        }

        unsupported = display;
        return null;
    }

    private static TypeModel? Element(INamedTypeSymbol type, TypeShape shape, string fullName, string display, Compilation compilation, HashSet<ITypeSymbol> recordsInProgress, out string? unsupported)
    {
        var element = Parse(type.TypeArguments[0], compilation, recordsInProgress, out unsupported);
        return element is null ? null : Make(shape, fullName, display, element);
    }

    private static TypeModel? MapValue(INamedTypeSymbol type, TypeShape shape, string fullName, string display, Compilation compilation, HashSet<ITypeSymbol> recordsInProgress, out string? unsupported)
    {
        if (type.TypeArguments[0].SpecialType != SpecialType.System_String)
        {
            unsupported = display + " (map keys must be string)";
            return null;
        }
        var value = Parse(type.TypeArguments[1], compilation, recordsInProgress, out unsupported);
        return value is null ? null : Make(shape, fullName, display, value);
    }

    private static TypeModel Make(TypeShape shape, string fullName, string display, TypeModel? element = null) =>
        new(shape, fullName, display, element, EquatableArray<string>.Empty, null);
}
