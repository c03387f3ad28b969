namespace Flyte.Generators.Model;

internal enum ParameterRole
{
    /// <summary>A task input, named by the parameter.</summary>
    Input,

    /// <summary>Injected: fires when the action is cancelled or times out.</summary>
    CancellationToken,

    /// <summary>Injected: the running action's <c>ITaskContext</c>.</summary>
    TaskContext,
}

/// <param name="Default">An input's C# default value, written into the spec's <c>default_inputs</c>; null for none.</param>
internal sealed record ParameterModel(string Name, ParameterRole Role, TypeModel? Type, string FullyQualifiedType, string? Description, DefaultModel? Default = null);
