namespace Flyte.Devbox.Execution;

/// <summary>
/// Variables the devbox gives every attempt, whichever launcher starts it, as a Flyte 2 cluster gives its pods (the
/// eager API key secret, which API the controller uses); they override the task's own variables.
/// </summary>
public sealed record PodVariables(IReadOnlyDictionary<string, string> Variables)
{
    public const string EagerApiKey = "EAGER_API_KEY";
    public const string UseActions = "_U_USE_ACTIONS";

    public static PodVariables For(DevboxOptions options)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.EagerApiKey is { Length: > 0 } key)
        {
            variables[EagerApiKey] = key;
        }
        if (options.PodsUseActionsService)
        {
            variables[UseActions] = "1";
        }
        return new PodVariables(variables);
    }
}
