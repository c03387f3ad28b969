namespace Flyte.Tasks;

/// <summary>A plain <see cref="ITaskContext"/>, for engines and tests.</summary>
public sealed record TaskContext(string RunName, string ActionName, int Attempt, string OutputPrefix, string RawDataPrefix) : ITaskContext
{
    /// <summary>The context of a direct call outside any Flyte engine: a new one each time, so that what one call puts
    /// in its report is nobody else's (and goes nowhere).</summary>
    public static TaskContext Detached => new("local", "a0", 0, "", "");

    /// <inheritdoc/>
    public TaskReport Report { get; init; } = new();

    /// <summary>Where <see cref="GetSecret"/> looks: the environment, unless an engine says otherwise.</summary>
    internal TaskSecrets Secrets { get; init; } = TaskSecrets.FromEnvironment;

    /// <summary>The secrets the running task declares, as engines know them; null (any name) for a context made by hand.</summary>
    internal IReadOnlyCollection<string>? DeclaredSecrets { get; init; }

    /// <inheritdoc/>
    public string GetSecret(string name) => Secrets.Get(name, DeclaredSecrets);
}
