using System;
using System.Globalization;
using System.Linq;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>
/// The default values of record members (docs/record-schemas.md): a constructor parameter's default, or a property's
/// initializer. Null means no default: the member is required, whatever its nullability.
/// </summary>
internal static class MemberDefaults
{
    public static DefaultModel? OfParameter(IParameterSymbol parameter, TypeModel type) =>
        parameter.HasExplicitDefaultValue ? FromConstant(parameter.ExplicitDefaultValue, parameter.Type, type) : null;

    /// <param name="allowInitializer">False when a fresh instance cannot be built to read a non-constant initializer
    /// from (the type has <c>required</c> members); such a member is then required.</param>
    public static DefaultModel? OfInitializer(IPropertySymbol property, TypeModel type, Compilation compilation, bool allowInitializer)
    {
        // Only source declarations carry initializers; a record from a referenced assembly shows none.
        var initializer = property.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax())
            .OfType<PropertyDeclarationSyntax>()
            .Select(d => d.Initializer?.Value)
            .FirstOrDefault(v => v is not null);
        if (initializer is null || !compilation.ContainsSyntaxTree(initializer.SyntaxTree))
        {
            return null;
        }
        var constant = compilation.GetSemanticModel(initializer.SyntaxTree).GetConstantValue(initializer);
        if (constant.HasValue)
        {
            return FromConstant(constant.Value, property.Type, type);
        }
        return allowInitializer ? new DefaultModel(DefaultKind.Initializer, null) : null;
    }

    private static DefaultModel? FromConstant(object? value, ITypeSymbol symbol, TypeModel type)
    {
        bool nullable = type.Shape is TypeShape.NullableValue or TypeShape.NullableReference;
        if (value is null)
        {
            // "= null!" or "= default!" on a non-nullable reference is the promise that the member is always set, not
            // a default: the member is required. "= default" of a struct with no constant form (TimeSpan, Guid) binds
            // to no value.
            return nullable ? DefaultModel.Null
                : symbol.IsValueType ? new DefaultModel(DefaultKind.ZeroStruct, null)
                : null;
        }
        var shape = nullable ? type.Element!.Shape : type.Shape;
        string? text = shape switch
        {
            TypeShape.Enum => EnumMemberName(symbol, value),
            TypeShape.Boolean => (bool)value ? "true" : "false",
            // An initializer's constant has the expression's type (1 for a double), so convert before formatting.
            TypeShape.Single => Real(Convert.ToSingle(value, CultureInfo.InvariantCulture)),
            TypeShape.Double => Real(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32
                or TypeShape.Int64 or TypeShape.UInt64 or TypeShape.Decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
            TypeShape.String => (string)value,
            _ => null,
        };
        // A value JSON cannot hold (NaN, an enum value no member names) is no default the schema can state: required.
        return text is null ? null : new DefaultModel(DefaultKind.Constant, text);
    }

    private static string? Real(float value) =>
        float.IsNaN(value) || float.IsInfinity(value) ? null : value.ToString("R", CultureInfo.InvariantCulture);

    private static string? Real(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? null : value.ToString("R", CultureInfo.InvariantCulture);

    private static string? EnumMemberName(ITypeSymbol symbol, object value)
    {
        var enumType = symbol is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : symbol;
        return enumType.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;
    }
}
