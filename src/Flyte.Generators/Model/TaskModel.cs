namespace Flyte.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one task's definition. No symbols, no syntax, no source locations: an edit
/// that only moves the method (a comment above it) leaves the model equal, so nothing is emitted again.
/// </summary>
/// <param name="ContainerMetadataName">The containing type's metadata name (<c>Ns.Outer+Inner</c>): unique in the
/// compilation, so with the method name it makes the hint name unique.</param>
/// <param name="Signature">The parameter types, which tell overloads apart.</param>
internal sealed record TaskModel(
    string Namespace,
    EquatableArray<string> EnclosingTypeDeclarations,
    string ContainerMetadataName,
    string ContainingTypeFullName,
    string ContainingTypeDisplayName,
    string MethodName,
    string Signature,
    string TaskName,
    string ShortName,
    string EnvironmentName,
    string? EnvironmentDescription,
    bool IsWorkflow,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    TaskOptionsModel Options,
    EquatableArray<TriggerModel> Triggers = default,
    ReuseModel? Reuse = null)
{
    /// <summary>Identifies the method among every task method of the compilation, overloads included.</summary>
    public string MethodKey => MethodKeys.Of(ContainerMetadataName, MethodName, Signature);

    /// <summary>What this task's overloads share (<see cref="MethodKeys.Overloads"/>).</summary>
    public string OverloadKey => MethodKeys.Overloads(ContainerMetadataName, MethodName);

    /// <summary>The generated definition class (see <see cref="MethodKeys.DefinitionClassName"/>).</summary>
    public string DefinitionClassName => MethodKeys.DefinitionClassName(MethodName);

    /// <summary>The fully qualified name of the generated definition class.</summary>
    public string DefinitionTypeName => MethodKeys.DefinitionTypeName(ContainingTypeFullName, MethodName);
}
