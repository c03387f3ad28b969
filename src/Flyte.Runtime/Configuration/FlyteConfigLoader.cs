using Flyte.Remote.Auth;

namespace Flyte.Runtime.Configuration;

/// <summary>
/// Loads the client configuration as flyte-sdk does: a YAML file (see <see cref="ConfigFileSearch"/> for which), then any
/// key overridden by an environment variable <c>FLYTE_&lt;SECTION&gt;_&lt;KEY&gt;</c> (<c>FLYTE_ADMIN_ENDPOINT</c>,
/// <c>FLYTE_ADMIN_CLIENTID</c> or <c>FLYTE_ADMIN_CLIENT_ID</c>), then defaults. An empty variable counts as unset.
/// </summary>
internal static class FlyteConfigLoader
{
    /// <summary>Loads the configuration that applies to this process: its working directory, environment and home folder.</summary>
    /// <exception cref="FlyteConfigException">The file is missing (when named), unreadable, not YAML, or holds a bad value.</exception>
    public static LoadedFlyteConfig Load(string? explicitPath = null)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Load(explicitPath, Environment.CurrentDirectory, Environment.GetEnvironmentVariable, home.Length > 0 ? home : null);
    }

    /// <param name="explicitPath">A file named by the user (<c>--config</c>); it must exist. Null to search.</param>
    /// <param name="workingDirectory">Where relative paths start and the search begins.</param>
    /// <param name="environment">Reads an environment variable; null when unset.</param>
    /// <param name="homeDirectory">The user's home folder, for <c>~/.flyte/config.yaml</c>; null to skip it.</param>
    /// <exception cref="FlyteConfigException">The file is missing (when named), unreadable, not YAML, or holds a bad value.</exception>
    public static LoadedFlyteConfig Load(string? explicitPath, string workingDirectory, Func<string, string?> environment, string? homeDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        ArgumentNullException.ThrowIfNull(environment);

        var path = ConfigFileSearch.Find(explicitPath, workingDirectory, environment, homeDirectory);
        var raw = path is null ? new Dictionary<ConfigKey, ConfigRawValue>() : YamlConfigFile.Read(path);
        foreach (var key in ConfigKeys.All)
        {
            foreach (var name in key.EnvironmentNames)
            {
                if (environment(name) is { Length: > 0 } value)
                {
                    raw[key] = new ConfigRawValue(value, null, name);
                    break;
                }
            }
        }
        return new LoadedFlyteConfig(From(new ConfigValues(raw)), path);
    }

    private static FlyteConfig From(ConfigValues values) => new()
    {
        Admin = new AdminConfig
        {
            Endpoint = values.Endpoint(ConfigKeys.AdminEndpoint),
            Insecure = values.Boolean(ConfigKeys.AdminInsecure) ?? false,
            InsecureSkipVerify = values.Boolean(ConfigKeys.AdminInsecureSkipVerify) ?? false,
            CaCertFilePath = values.Text(ConfigKeys.AdminCaCertFilePath),
            AuthType = values.AuthType(ConfigKeys.AdminAuthType),
            ClientId = values.Text(ConfigKeys.AdminClientId),
            ClientSecretLocation = values.Text(ConfigKeys.AdminClientSecretLocation),
            ClientSecretEnvVar = values.Text(ConfigKeys.AdminClientSecretEnvVar),
            Scopes = values.List(ConfigKeys.AdminScopes) ?? [],
            Audience = values.Text(ConfigKeys.AdminAudience),
            Command = values.List(ConfigKeys.AdminCommand) ?? [],
            ProxyCommand = values.List(ConfigKeys.AdminProxyCommand) ?? [],
            HttpProxyUrl = values.Text(ConfigKeys.AdminHttpProxyUrl),
            Transport = values.Transport(ConfigKeys.AdminTransport) ?? Remote.RemoteTransport.Grpc,
        },
        Task = new TaskConfig
        {
            Org = values.Text(ConfigKeys.TaskOrg) ?? "",
            Project = values.Text(ConfigKeys.TaskProject) ?? TaskConfig.DefaultProject,
            Domain = values.Text(ConfigKeys.TaskDomain) ?? TaskConfig.DefaultDomain,
        },
        Image = new ImageConfig
        {
            Builder = values.Text(ConfigKeys.ImageBuilder),
            Registry = values.Text(ConfigKeys.ImageRegistry),
            Default = values.Text(ConfigKeys.ImageDefault),
        },
        Storage = new StorageConfig
        {
            Endpoint = values.Text(ConfigKeys.StorageEndpoint),
            Region = values.Text(ConfigKeys.StorageRegion),
            AccessKeyId = values.Text(ConfigKeys.StorageAccessKeyId),
            SecretAccessKey = values.Text(ConfigKeys.StorageSecretAccessKey),
            ForcePathStyle = values.Boolean(ConfigKeys.StorageForcePathStyle),
        },
        Devbox = DevboxConfig.From(values),
    };
}
