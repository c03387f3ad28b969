using Flyteidl2.Core;

namespace Flyte.Tasks;

/// <summary>
/// What a [RemoteTask] declaration says about a deployed task, generated at compile time: which task, and the interface
/// the declaration expects it to have. The deployed spec itself is fetched when the task is called (docs/remote-tasks.md).
/// </summary>
public abstract class RemoteTaskDefinition
{
    /// <summary>A declaration of the deployed task <paramref name="name"/>.</summary>
    /// <param name="name">The deployed task's name, <c>environment.function</c>.</param>
    /// <param name="version">The version to call; null for the newest.</param>
    /// <param name="project">The project it is deployed in; null for the caller's.</param>
    /// <param name="domain">The domain it is deployed in; null for the caller's.</param>
    /// <param name="methodName">The declaring method's full name, for messages.</param>
    protected RemoteTaskDefinition(string name, string? version, string? project, string? domain, string methodName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Version = string.IsNullOrEmpty(version) ? null : version;
        Project = string.IsNullOrEmpty(project) ? null : project;
        Domain = string.IsNullOrEmpty(domain) ? null : domain;
        MethodName = methodName;
    }

    /// <summary>The deployed task's name, <c>environment.function</c>.</summary>
    public string Name { get; }

    /// <summary>The version called; null for the newest deployed.</summary>
    public string? Version { get; }

    /// <summary>The project it is deployed in; null for the caller's.</summary>
    public string? Project { get; }

    /// <summary>The domain it is deployed in; null for the caller's.</summary>
    public string? Domain { get; }

    /// <summary>The declaring method's full name.</summary>
    public string MethodName { get; }

    /// <summary>The inputs and outputs the declaration expects, each sorted by name.</summary>
    public abstract TypedInterface Interface { get; }

    /// <summary>The declared input names in declaration order.</summary>
    public abstract IReadOnlyList<string> InputNames { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
