namespace Flyte.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one trace's definition: the method, its inputs and result, and the hash of its
/// declaration (its version: an edited trace is a new trace). No symbols, no syntax, no source locations.
/// </summary>
internal sealed record TraceModel(
    string ContainerMetadataName,
    string ContainingTypeFullName,
    string ContainingTypeDisplayName,
    string MethodName,
    string Signature,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    string CodeVersion)
{
    /// <summary>Identifies the method among every [Trace] method of the compilation, overloads included.</summary>
    public string MethodKey => MethodKeys.Of(ContainerMetadataName, MethodName, Signature);

    /// <summary>The fully qualified name of the generated definition class (see <see cref="MethodKeys.TraceDefinitionClassName"/>).</summary>
    public string DefinitionTypeName => MethodKeys.TraceDefinitionTypeName(MethodKey, MethodName);
}

/// <summary>What the parser made of one [Trace] method: a trace (when valid) and its diagnostics.</summary>
internal sealed record TraceParseResult(TraceModel? Trace, EquatableArray<DiagnosticInfo> Diagnostics);
