namespace Flyte.Runtime.CommandLine;

/// <summary>How <c>a0</c> reaches the control plane to enqueue child actions, as the executor sets it in the environment.</summary>
/// <param name="Endpoint"><c>_U_EP_OVERRIDE</c>; null when unset (the controller picks its default).</param>
/// <param name="Insecure"><c>_U_INSECURE</c>: plaintext instead of TLS.</param>
/// <param name="UseActions"><c>_U_USE_ACTIONS</c>: use the unified <c>ActionsService</c>.</param>
internal sealed record ControllerSettings(string? Endpoint, bool Insecure, bool UseActions)
{
    public static ControllerSettings FromEnvironment(Func<string, string?> getEnvironmentVariable)
    {
        string? endpoint = getEnvironmentVariable(A0EnvironmentVariables.EndpointOverride);
        return new ControllerSettings(
            Endpoint: string.IsNullOrWhiteSpace(endpoint) ? null : endpoint.Trim(),
            Insecure: IsTrue(getEnvironmentVariable(A0EnvironmentVariables.Insecure)),
            // flyte-sdk checks for exactly "1"; matching it keeps both SDKs' containers agreeing.
            UseActions: getEnvironmentVariable(A0EnvironmentVariables.UseActions) == "1");
    }

    // flyte-sdk's str2bool, so the same environment means the same thing to both SDKs.
    private static bool IsTrue(string? value) =>
        value is not null
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("t", StringComparison.OrdinalIgnoreCase)
            || value == "1");
}
