namespace Flyte.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one [RemoteTask] declaration's body and definition: the deployed task it names,
/// the method's signature as the body must repeat it, and its inputs and result. No symbols, no syntax, no locations.
/// </summary>
internal sealed record RemoteTaskModel(
    string Namespace,
    EquatableArray<string> EnclosingTypeDeclarations,
    string ContainerMetadataName,
    string ContainingTypeDisplayName,
    string MethodName,
    string Signature,
    string Accessibility,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    string RemoteName,
    string? Version,
    string? Project,
    string? Domain)
{
    /// <summary>Identifies the method among every [RemoteTask] declaration of the compilation.</summary>
    public string MethodKey => MethodKeys.Of(ContainerMetadataName, MethodName, Signature);

    /// <summary>The fully qualified name of the generated definition class.</summary>
    public string DefinitionTypeName => MethodKeys.RemoteTaskDefinitionTypeName(MethodKey, MethodName);
}

/// <summary>What the parser made of one [RemoteTask] method: a model (when valid) and its diagnostics.</summary>
internal sealed record RemoteTaskParseResult(RemoteTaskModel? RemoteTask, EquatableArray<DiagnosticInfo> Diagnostics);
