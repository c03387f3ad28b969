using System.ComponentModel;

namespace Flyte.Generation;

/// <summary>
/// What a [Task] or [Workflow] method declares, read at compile time from its attributes and its
/// class's [TaskEnvironment]: identity, policy, resources, image, environment variables, secrets.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TaskDeclaration
{
    /// <summary><c>&lt;environment&gt;.&lt;function&gt;</c>, the task id name.</summary>
    public required string Name { get; init; }

    /// <summary>The function part of the name: the method name or its override.</summary>
    public required string ShortName { get; init; }

    /// <summary>The environment's name: the first part of <see cref="Name"/>.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary>The environment's description, if it has one.</summary>
    public string? EnvironmentDescription { get; init; }

    /// <summary>The C# method, as <c>Namespace.Class.Method</c>.</summary>
    public required string MethodName { get; init; }

    /// <summary>The assembly that declares the task: what <c>a0</c> loads to find it.</summary>
    public required string AssemblyName { get; init; }

    /// <summary>A <c>[Workflow]</c> rather than a <c>[Task]</c>.</summary>
    public bool IsWorkflow { get; init; }

    /// <summary>The task's description, from its attribute or its XML documentation.</summary>
    public string? Description { get; init; }

    /// <summary>Retries, timeout and cache settings.</summary>
    public required TaskPolicy Policy { get; init; }

    /// <summary>The image declared in code; null to use the default image.</summary>
    public string? Image { get; init; }

    /// <summary>The resources requested, task over environment.</summary>
    public IReadOnlyList<ResourceQuantity> Requests { get; init; } = [];

    /// <summary>The resource limits, task over environment.</summary>
    public IReadOnlyList<ResourceQuantity> Limits { get; init; } = [];

    /// <summary>Environment variables of the task's container, task over environment.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    /// <summary>Secrets mounted into the task's container.</summary>
    public IReadOnlyList<SecretReference> Secrets { get; init; } = [];

    /// <summary>How the workers of the task's environment are pooled, when its class is <see cref="ReusableAttribute"/>;
    /// null for an action per process (docs/workers.md).</summary>
    public ReusePolicy? Reuse { get; init; }

    /// <summary>The schedules the task is run on (<see cref="TriggerAttribute"/>), deployed with it.</summary>
    public IReadOnlyList<TriggerDeclaration> Triggers { get; init; } = [];
}

/// <summary>A Kubernetes resource quantity for one resource.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ResourceQuantity(Flyteidl2.Core.Resources.Types.ResourceName Resource, string Quantity);

/// <summary>A secret the task reads, mounted as an environment variable.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record SecretReference(string Group, string Key)
{
    /// <summary>The variable it is exposed as, as flyte-sdk names it when no other is given (<c>Secret.__post_init__</c>
    /// in src/flyte/_secret.py): <c>GROUP_KEY</c>, or <c>KEY</c> without a group, upper-cased, '-' as '_'.</summary>
    public string EnvironmentVariable => (Group.Length > 0 ? Group + "_" + Key : Key).Replace('-', '_').ToUpperInvariant();
}
