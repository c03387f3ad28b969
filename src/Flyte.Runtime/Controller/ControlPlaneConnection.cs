using Flyte.Runtime.Configuration;
using Flyte.Remote;
using Flyte.Remote.Auth;
using Flyte.Remote.Connection;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Execution;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The connection to the control plane (ActionsService, or QueueService and StateService), opened on first use so that a task that calls no other task
/// never loads the gRPC client (a0's start-up time). Where and with which credentials follow flyte-sdk's runtime in a
/// pod (docs/auth.md): a mounted config file (<c>FLYTECTL_CONFIG</c>), else the eager API key, else
/// <c>_U_EP_OVERRIDE</c> with no credentials.
/// </summary>
internal sealed class ControlPlaneConnection(ControllerSettings settings) : IDisposable
{
    private readonly string _overrideAddress = settings.Endpoint is { } endpoint ? ToAddress(endpoint, settings.Insecure) : "(none)";
    private readonly object _gate = new();
    private ControlPlaneChannel? _channel;
    private string? _dialed;

    /// <summary>The address a0 dials (once connected; before, the endpoint override's), or a placeholder when none is set.</summary>
    public string Endpoint => _dialed ?? _overrideAddress;

    /// <summary>
    /// The API for <paramref name="parent"/>'s children that the pod was told to use: <c>ActionsService</c> when
    /// <c>_U_USE_ACTIONS</c> is "1" (the open-source backend sets it), else <c>QueueService</c> and <c>StateService</c>,
    /// as flyte-sdk decides. Connects on first use.
    /// </summary>
    public IChildActionsApi ChildActionsOf(Flyteidl2.Common.ActionIdentifier parent)
    {
        CallInvoker invoker = Invoker;
        return settings.UseActions ? new ActionsServiceApi(invoker, parent) : new QueueStateApi(invoker);
    }

    /// <summary>TaskService on the same connection: where a [RemoteTask]'s deployed spec is fetched from. Connects on first use.</summary>
    public Flyteidl2.Task.TaskService.TaskServiceClient Tasks => new(Invoker);

    private CallInvoker Invoker
    {
        get
        {
            lock (_gate)
            {
                if (_channel is not null)
                {
                    return _channel.Invoker;
                }
                var options = OptionsFor(settings, Environment.GetEnvironmentVariable);
                try
                {
                    // A call cut by the other end stays an RpcException, which the controller's retries tell apart from its own cancellation.
                    _channel = ControlPlaneChannel.Open(options, throwOnCancellation: false);
                    _dialed = options.Endpoint;
                }
                catch (FlyteRemoteException e)
                {
                    throw new SystemFailureException("ControlPlaneSettings", $"a0 cannot connect to the control plane: {e.Message}", e);
                }
                return _channel.Invoker;
            }
        }
    }

    /// <summary>Where the controller connects and how it authenticates, from what the pod was given.</summary>
    internal static RemoteOptions OptionsFor(ControllerSettings settings, Func<string, string?> environment)
    {
        // A pod has no person to sign in and no home to cache tokens in.
        var headless = new RemoteAuthentication { Prompt = HeadlessAuthPrompt.Instance, TokenCacheDirectory = null };
        if (settings.ConfigPath is { } path)
        {
            AdminConfig admin;
            RemoteAuthentication fromConfig;
            try
            {
                admin = FlyteConfigLoader.Load(path, Environment.CurrentDirectory, environment, homeDirectory: null).Config.Admin;
                fromConfig = admin.Authentication(environment);
            }
            catch (FlyteConfigException e)
            {
                throw new SystemFailureException("ControlPlaneSettings", $"a0 cannot use the config file {path} (FLYTECTL_CONFIG): {e.Message}", e);
            }
            string endpoint = settings.Endpoint ?? admin.Endpoint ?? throw NoEndpoint();
            return new RemoteOptions
            {
                Endpoint = ToAddress(endpoint, settings.Insecure || admin.Insecure),
                // As flyte-sdk's runtime: the mounted file decides TLS; _U_INSECURE_SKIP_VERIFY is for the other two cases.
                InsecureSkipVerify = admin.InsecureSkipVerify,
                CaCertFilePath = admin.CaCertFilePath,
                Transport = admin.Transport,
                Authentication = fromConfig with { Prompt = headless.Prompt, TokenCacheDirectory = null },
            };
        }
        if (settings.ApiKey is { } encoded)
        {
            FlyteApiKey key;
            try
            {
                key = FlyteApiKey.Parse(encoded);
            }
            catch (FormatException e)
            {
                throw new SystemFailureException("ControlPlaneSettings", $"a0's EAGER_API_KEY is not an API key: {e.Message}", e);
            }
            // flyte-sdk's runtime dials the key's own endpoint with the key's credentials.
            return new RemoteOptions
            {
                Endpoint = ToAddress(key.Endpoint, settings.Insecure),
                InsecureSkipVerify = settings.InsecureSkipVerify,
                Authentication = RemoteAuthentication.FromApiKey(key) with { Prompt = headless.Prompt, TokenCacheDirectory = null },
            };
        }
        return new RemoteOptions
        {
            Endpoint = settings.Endpoint is { } plain ? ToAddress(plain, settings.Insecure) : throw NoEndpoint(),
            InsecureSkipVerify = settings.InsecureSkipVerify,
            Authentication = headless,
        };
    }

    private static SystemFailureException NoEndpoint() => new("NoControlPlane",
        "the task called another task, but a0 has no control plane to enqueue it on: the executor sets _U_EP_OVERRIDE to the endpoint of Flyte's ActionsService");

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
