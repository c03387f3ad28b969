namespace Flyte.Runtime.CommandLine;

/// <summary>How <c>a0</c> reaches the control plane to enqueue child actions, as the executor sets it in the environment.</summary>
/// <param name="Endpoint"><c>_U_EP_OVERRIDE</c>; null when unset (the controller picks its default).</param>
/// <param name="Insecure"><c>_U_INSECURE</c>: plaintext instead of TLS.</param>
/// <param name="UseActions"><c>_U_USE_ACTIONS</c>: use the unified <c>ActionsService</c>.</param>
/// <param name="InsecureSkipVerify"><c>_U_INSECURE_SKIP_VERIFY</c>: TLS without checking the server's certificate.</param>
/// <param name="ApiKey"><c>_UNION_EAGER_API_KEY</c> or <c>EAGER_API_KEY</c>: the pod's credentials (docs/auth.md).</param>
/// <param name="ConfigPath"><c>UCTL_CONFIG</c> or <c>FLYTECTL_CONFIG</c>: a config file mounted into the pod; it wins over the API key.</param>
internal sealed record ControllerSettings(string? Endpoint, bool Insecure, bool UseActions, bool InsecureSkipVerify = false, string? ApiKey = null, string? ConfigPath = null)
{
    public static ControllerSettings FromEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        string? endpoint = getEnvironmentVariable(A0EnvironmentVariables.EndpointOverride);
        return new ControllerSettings(
            Endpoint: string.IsNullOrWhiteSpace(endpoint) ? null : endpoint.Trim(),
            Insecure: IsTrue(getEnvironmentVariable(A0EnvironmentVariables.Insecure)),
            // flyte-sdk checks for exactly "1"; matching it keeps both SDKs' containers agreeing.
            UseActions: getEnvironmentVariable(A0EnvironmentVariables.UseActions) == "1",
            InsecureSkipVerify: IsTrue(getEnvironmentVariable(A0EnvironmentVariables.InsecureSkipVerify)),
            ApiKey: FirstSet(getEnvironmentVariable, A0EnvironmentVariables.UnionEagerApiKey, A0EnvironmentVariables.EagerApiKey),
            ConfigPath: FirstSet(getEnvironmentVariable, A0EnvironmentVariables.UctlConfig, A0EnvironmentVariables.FlytectlConfig));
    }

    // The secret's value never shows in logs or test failures.
    public override string ToString() =>
        $"ControllerSettings {{ Endpoint = {Endpoint}, Insecure = {Insecure}, UseActions = {UseActions}, InsecureSkipVerify = {InsecureSkipVerify}, ApiKey = {(ApiKey is null ? "none" : "set")}, ConfigPath = {ConfigPath} }}";

    private static string? FirstSet(Func<string, string?> getEnvironmentVariable, params string[] names)
    {
        foreach (string name in names)
        {
            if (getEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }
        return null;
    }

    // flyte-sdk's str2bool, so the same environment means the same thing to both SDKs.
    private static bool IsTrue(string? value) =>
        value is not null
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("t", StringComparison.OrdinalIgnoreCase)
            || value == "1");
}
