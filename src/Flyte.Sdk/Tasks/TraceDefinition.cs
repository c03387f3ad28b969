using Flyteidl2.Core;

namespace Flyte.Tasks;

/// <summary>
/// What Flyte needs about one [Trace] method, generated at compile time: its name, the version of its code, its typed
/// interface and converters between its values and literals. No reflection.
/// </summary>
public abstract class TraceDefinition
{
    /// <summary>A definition of the trace <paramref name="name"/> whose declaration hashes to <paramref name="codeVersion"/>.</summary>
    /// <param name="name">The method's name: the trace's name on the wire and in run trees.</param>
    /// <param name="codeVersion">The hash of the method's declaration (docs/task-versions.md).</param>
    /// <param name="methodName">The method's full name, for messages.</param>
    protected TraceDefinition(string name, string codeVersion, string methodName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(codeVersion);
        Name = name;
        CodeVersion = codeVersion;
        MethodName = methodName;
    }

    /// <summary>The method's name, which flyte-sdk sends as the trace's name.</summary>
    public string Name { get; }

    /// <summary>The hash of the method's declaration.</summary>
    public string CodeVersion { get; }

    /// <summary>The method's full name.</summary>
    public string MethodName { get; }

    /// <summary>
    /// <c>name-version</c>, flyte-sdk's trace identity (<c>generate_trace_action_identity</c>): in the trace action's
    /// name in place of a task's identity, so an edited method is a new trace.
    /// </summary>
    public string Identity => CodeVersion.Length == 0 ? Name : $"{Name}-{CodeVersion}";

    /// <summary>Inputs and outputs, each sorted by name, as in the trace's spec.</summary>
    public abstract TypedInterface Interface { get; }

    /// <summary>Input names in declaration order.</summary>
    public abstract IReadOnlyList<string> InputNames { get; }

    /// <summary>Whether the method returns a value.</summary>
    public bool HasOutputs => Interface.Outputs is { Variables.Count: > 0 };

    /// <inheritdoc />
    public override string ToString() => Name;
}
