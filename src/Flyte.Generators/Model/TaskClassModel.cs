namespace Flyte.Generators.Model;

/// <summary>A user class that declares tasks: what reopening it takes.</summary>
internal sealed record TaskClassModel(string Namespace, EquatableArray<string> EnclosingTypeDeclarations, string MetadataName)
{
    public static TaskClassModel Of(TaskModel task) => new(task.Namespace, task.EnclosingTypeDeclarations, task.ContainerMetadataName);
}
