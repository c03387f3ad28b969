namespace Flyte.Runtime.Configuration;

/// <summary>Every key the SDK reads, with flyte-sdk's spelling; other keys in a config file are left for other tools.</summary>
internal static class ConfigKeys
{
    public static readonly ConfigKey AdminEndpoint = new("admin", "endpoint", ConfigValueKind.Text);
    public static readonly ConfigKey AdminInsecure = new("admin", "insecure", ConfigValueKind.Boolean);
    public static readonly ConfigKey AdminInsecureSkipVerify = new("admin", "insecureSkipVerify", ConfigValueKind.Boolean);
    public static readonly ConfigKey AdminCaCertFilePath = new("admin", "caCertFilePath", ConfigValueKind.Text);
    public static readonly ConfigKey AdminAuthType = new("admin", "authType", ConfigValueKind.Text);
    public static readonly ConfigKey AdminClientId = new("admin", "clientId", ConfigValueKind.Text);
    public static readonly ConfigKey AdminClientSecretLocation = new("admin", "clientSecretLocation", ConfigValueKind.Text);
    public static readonly ConfigKey AdminClientSecretEnvVar = new("admin", "clientSecretEnvVar", ConfigValueKind.Text);
    public static readonly ConfigKey AdminScopes = new("admin", "scopes", ConfigValueKind.List);
    public static readonly ConfigKey AdminAudience = new("admin", "audience", ConfigValueKind.Text);
    public static readonly ConfigKey AdminCommand = new("admin", "command", ConfigValueKind.Command);
    public static readonly ConfigKey AdminProxyCommand = new("admin", "proxyCommand", ConfigValueKind.Command);
    public static readonly ConfigKey AdminHttpProxyUrl = new("admin", "httpProxyURL", ConfigValueKind.Text);
    public static readonly ConfigKey AdminTransport = new("admin", "transport", ConfigValueKind.Text);

    public static readonly ConfigKey TaskOrg = new("task", "org", ConfigValueKind.Text);
    public static readonly ConfigKey TaskProject = new("task", "project", ConfigValueKind.Text);
    public static readonly ConfigKey TaskDomain = new("task", "domain", ConfigValueKind.Text);

    public static readonly ConfigKey ImageBuilder = new("image", "builder", ConfigValueKind.Text);
    public static readonly ConfigKey ImageRegistry = new("image", "registry", ConfigValueKind.Text);
    public static readonly ConfigKey ImageDefault = new("image", "default", ConfigValueKind.Text);

    public static readonly ConfigKey StorageEndpoint = new("storage", "endpoint", ConfigValueKind.Text);
    public static readonly ConfigKey StorageRegion = new("storage", "region", ConfigValueKind.Text);
    public static readonly ConfigKey StorageAccessKeyId = new("storage", "accessKeyId", ConfigValueKind.Text);
    public static readonly ConfigKey StorageSecretAccessKey = new("storage", "secretAccessKey", ConfigValueKind.Text);
    public static readonly ConfigKey StorageForcePathStyle = new("storage", "forcePathStyle", ConfigValueKind.Boolean);

    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        AdminEndpoint, AdminInsecure, AdminInsecureSkipVerify, AdminCaCertFilePath, AdminAuthType, AdminClientId,
        AdminClientSecretLocation, AdminClientSecretEnvVar, AdminScopes, AdminAudience, AdminCommand, AdminProxyCommand, AdminHttpProxyUrl,
        AdminTransport,
        TaskOrg, TaskProject, TaskDomain,
        ImageBuilder, ImageRegistry, ImageDefault,
        StorageEndpoint, StorageRegion, StorageAccessKeyId, StorageSecretAccessKey, StorageForcePathStyle,
        .. DevboxConfigKeys.All,
    ];
}
