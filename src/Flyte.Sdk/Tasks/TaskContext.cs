namespace Flyte.Tasks;

/// <summary>A plain <see cref="ITaskContext"/>, for engines and tests.</summary>
public sealed record TaskContext(string RunName, string ActionName, int Attempt, string OutputPrefix, string RawDataPrefix) : ITaskContext
{
    /// <summary>The context of a direct call outside any Flyte engine.</summary>
    public static TaskContext Detached { get; } = new("local", "a0", 0, "", "");
}
