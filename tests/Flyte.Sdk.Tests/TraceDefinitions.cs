using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests;

/// <summary>The trace definitions the generator wrote into a test assembly, for tests that check their names and hashes.</summary>
internal static class TraceDefinitions
{
    public static IEnumerable<TraceDefinition> Of([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicNestedTypes | DynamicallyAccessedMemberTypes.NonPublicNestedTypes)] Type definitions) =>
        definitions.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .Select(InstanceOf);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Test code: the generated definitions are kept by their use in the interceptors.")]
    private static TraceDefinition InstanceOf(Type type) =>
        (TraceDefinition)type.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
