namespace Flyte.Generators.Model;

/// <summary>Everything the emitter needs to write one task's definition. No symbols, no syntax.</summary>
internal sealed record TaskModel(
    string Namespace,
    EquatableArray<string> EnclosingTypeDeclarations,
    string ContainingTypeFullName,
    string ContainingTypeDisplayName,
    string MethodName,
    string TaskName,
    string ShortName,
    string EnvironmentName,
    string? EnvironmentDescription,
    bool IsWorkflow,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    TaskOptionsModel Options,
    LocationInfo? Location)
{
    /// <summary>Name of the generated definition class, unique per method.</summary>
    public string DefinitionClassName => ContainingTypeDisplayName.Replace('.', '_').Replace('<', '_').Replace('>', '_') + "_" + MethodName + "_Task";
}
