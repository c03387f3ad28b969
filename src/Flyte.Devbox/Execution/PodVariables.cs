namespace Flyte.Devbox.Execution;

/// <summary>
/// Variables the devbox gives every attempt, whichever launcher starts it, as a Flyte 2 cluster gives its pods (the
/// eager API key secret); they override the task's own variables.
/// </summary>
public sealed record PodVariables(IReadOnlyDictionary<string, string> Variables)
{
    public const string EagerApiKey = "EAGER_API_KEY";

    public static PodVariables None { get; } = new(new Dictionary<string, string>());

    public static PodVariables For(DevboxOptions options) => options.EagerApiKey is { Length: > 0 } key
        ? new PodVariables(new Dictionary<string, string>(StringComparer.Ordinal) { [EagerApiKey] = key })
        : None;
}
