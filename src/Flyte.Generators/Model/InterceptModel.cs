namespace Flyte.Generators.Model;

/// <summary>One call site of a task method that the generator routes to the Flyte context.</summary>
internal sealed record InterceptModel(int Version, string Data, string DisplayLocation, CallTargetModel Target);

/// <summary>
/// What an interceptor needs of the task it calls: far less than the task's model (no types to convert, no options),
/// so a call site is cheap to build and to compare.
/// </summary>
/// <param name="HasResult">Whether the task returns a value (decoded from its outputs).</param>
/// <param name="IsTrace">A [Trace] method: the call runs the method as a recorded step of the running task.</param>
internal sealed record CallTargetModel(
    string MethodKey,
    string DefinitionTypeName,
    string ContainingTypeFullName,
    string MethodName,
    EquatableArray<CallParameterModel> Parameters,
    ReturnKind ReturnKind,
    string FullyQualifiedReturnType,
    bool HasResult,
    bool IsTrace);

internal sealed record CallParameterModel(string Name, string FullyQualifiedType, ParameterRole Role);
