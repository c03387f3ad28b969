using System.Linq;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Model;

/// <summary>A diagnostic to report, kept equatable (descriptors are static singletons).</summary>
/// <param name="AdditionalLocations">Other places the diagnostic concerns (the first of two duplicate tasks).</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs, EquatableArray<LocationInfo> AdditionalLocations = default)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Descriptor, Location?.ToLocation(), AdditionalLocations.Select(l => l.ToLocation()), MessageArgs.Cast<object>().ToArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArgs) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(messageArgs));
}
