using Flyte.Runtime.Configuration;
using Flyte.Remote;
using Flyte.Remote.Auth;

namespace Flyte.Cli.Remote;

/// <summary>
/// Which control plane a command talks to, and in which project and domain: the command line's options over the
/// config file (and its FLYTE_* variables). Every problem is a <see cref="UsageException"/> that says how to fix it.
/// </summary>
internal static class ControlPlane
{
    /// <param name="alternative">Appended to the message when no endpoint is configured, e.g. how to do without one.</param>
    /// <param name="withCredentials">False for a command that needs no secret (logout): then none is read.</param>
    public static RemoteOptions Resolve(ControlPlaneSettings settings, CliEnvironment environment, string alternative = "", bool withCredentials = true)
    {
        var loaded = Load(settings.ConfigPath, environment);
        var config = loaded.Config;
        var apiKey = ApiKey(environment.Variable);
        // flyte-sdk's CLI takes FLYTE_API_KEY's endpoint in lieu of the config file's; --endpoint still wins.
        string? endpoint = settings.Endpoint ?? apiKey?.Endpoint ?? config.Admin.Endpoint;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            string from = loaded.SourcePath is { } path ? $" ({path} sets no admin.endpoint)" : "";
            throw new UsageException(
                $"no control plane is configured{from}: start a devbox with 'flyte devbox start' and point flyte at it with "
                + "'flyte create config --endpoint <its address> --insecure', or pass --endpoint, or set FLYTE_ADMIN_ENDPOINT" + alternative);
        }
        if (settings.Endpoint is not null && FlyteEndpoint.Problem(settings.Endpoint) is { } problem)
        {
            throw new UsageException($"--endpoint '{settings.Endpoint}' is not valid: {problem}");
        }
        string address;
        RemoteAuthentication authentication;
        try
        {
            address = FlyteEndpoint.ToGrpcAddress(endpoint, config.Admin.Insecure);
            authentication = (!withCredentials ? new RemoteAuthentication()
                : apiKey is not null ? RemoteAuthentication.FromApiKey(apiKey)
                : config.Admin.Authentication(environment.Variable))
                with { TokenCacheDirectory = environment.TokenCacheDirectory };
        }
        catch (FlyteConfigException e)
        {
            throw new UsageException($"{OneLine(e.Message)} (from {loaded.SourcePath ?? "the environment"})", e);
        }
        return new RemoteOptions
        {
            Endpoint = address,
            Org = apiKey?.Org ?? config.Task.Org,
            Project = NonEmpty(settings.Project, "--project") ?? config.Task.Project,
            Domain = NonEmpty(settings.Domain, "--domain") ?? config.Task.Domain,
            InsecureSkipVerify = config.Admin.InsecureSkipVerify,
            CaCertFilePath = config.Admin.CaCertFilePath,
            Transport = config.Admin.Transport,
            Authentication = authentication,
            DefaultImage = config.Image.Default,
        };
    }

    private static FlyteApiKey? ApiKey(Func<string, string?> environment)
    {
        if (environment(FlyteApiKey.EnvironmentVariable) is not { Length: > 0 } encoded)
        {
            return null;
        }
        try
        {
            return FlyteApiKey.Parse(encoded);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{FlyteApiKey.EnvironmentVariable} is not an API key: {e.Message}; unset it to use the config file", e);
        }
    }

    /// <summary>Connects (nothing is sent until the first call); a malformed address is the user's to fix.</summary>
    public static FlyteRemote Connect(RemoteOptions options)
    {
        try
        {
            return FlyteRemote.Connect(options);
        }
        catch (FlyteRemoteException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    /// <summary>The config of these surroundings, as <see cref="FlyteConfigLoader"/> finds it for a process.</summary>
    public static LoadedFlyteConfig Load(string? explicitPath, CliEnvironment environment)
    {
        try
        {
            return FlyteConfigLoader.Load(explicitPath, environment.WorkingDirectory, environment.Variable, environment.HomeDirectory);
        }
        catch (FlyteConfigException e)
        {
            throw new UsageException(OneLine(e.Message), e);
        }
    }

    private static string? NonEmpty(string? value, string option) =>
        value is not null && value.Trim().Length == 0 ? throw new UsageException($"{option} must not be empty") : value;

    /// <summary>Config messages are sentences; here they follow "flyte: " on one line.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd('.');
}
