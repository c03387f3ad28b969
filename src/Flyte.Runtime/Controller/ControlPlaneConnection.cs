using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Execution;
using Flyteidl2.Actions;
using Grpc.Net.Client;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The gRPC channel to the control plane named by <c>_U_EP_OVERRIDE</c>, opened on first use so that a task that
/// calls no other task never loads the gRPC client (a0's start-up time).
/// </summary>
internal sealed class ControlPlaneConnection(ControllerSettings settings) : IDisposable
{
    private GrpcChannel? _channel;
    private ActionsService.ActionsServiceClient? _client;

    /// <summary>The endpoint as a0 dials it, or a placeholder when none is set.</summary>
    public string Endpoint { get; } = settings.Endpoint is { } endpoint ? ToAddress(endpoint, settings.Insecure) : "(none)";

    public ActionsService.ActionsServiceClient Client
    {
        get
        {
            if (_client is not null)
            {
                return _client;
            }
            if (settings.Endpoint is null)
            {
                throw new SystemFailureException("NoControlPlane",
                    "the task called another task, but a0 has no control plane to enqueue it on: the executor sets _U_EP_OVERRIDE to the endpoint of Flyte's ActionsService");
            }
            _channel = GrpcChannel.ForAddress(Endpoint);
            _client = new ActionsService.ActionsServiceClient(_channel);
            return _client;
        }
    }

    /// <summary>
    /// flyte-sdk accepts <c>dns:///host:port</c>, <c>host:port</c> and full URLs; gRPC for .NET needs a URL, plaintext
    /// (h2c) when <c>_U_INSECURE</c> is set.
    /// </summary>
    internal static string ToAddress(string endpoint, bool insecure)
    {
        const string dnsScheme = "dns:///";
        if (endpoint.StartsWith(dnsScheme, StringComparison.OrdinalIgnoreCase))
        {
            endpoint = endpoint[dnsScheme.Length..];
        }
        if (endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || endpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return endpoint;
        }
        return (insecure ? "http://" : "https://") + endpoint;
    }

    public void Dispose() => _channel?.Dispose();
}
