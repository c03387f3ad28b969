using Flyte.Remote.Auth;
using System.Globalization;
using System.Text;

namespace Flyte.Runtime.Configuration;

/// <summary>
/// Writes a <see cref="FlyteConfig"/> as a commented <c>config.yaml</c> that <see cref="FlyteConfigLoader"/> and flyte-sdk
/// read back. Keys that are not set appear as commented-out examples, so the file shows what can be configured.
/// </summary>
internal static class FlyteConfigWriter
{
    public static string ToYaml(FlyteConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var yaml = new StringBuilder();
        yaml.AppendLine("# Flyte configuration, read by the flyte CLI and the C# SDK (and by flyte-sdk for Python).");
        yaml.AppendLine("# Any key can be overridden by an environment variable FLYTE_<SECTION>_<KEY>, e.g. FLYTE_ADMIN_ENDPOINT or FLYTE_TASK_PROJECT.");

        var admin = config.Admin;
        Section(yaml, "admin", "How to reach the Flyte control plane, and how to sign in to it.");
        Key(yaml, ConfigKeys.AdminEndpoint, Text(admin.Endpoint), "dns:///localhost:8090",
            $"The control plane's API: {FlyteEndpoint.Forms}.");
        Key(yaml, ConfigKeys.AdminInsecure, Boolean(admin.Insecure), "true",
            "true for a plaintext connection (no TLS), as to a local devbox.");
        Key(yaml, ConfigKeys.AdminInsecureSkipVerify, admin.InsecureSkipVerify ? Boolean(true) : null, "true",
            "true to use TLS without verifying the server's certificate.");
        Key(yaml, ConfigKeys.AdminCaCertFilePath, Text(admin.CaCertFilePath), "/path/to/ca.pem",
            "A PEM file with the root certificate to verify the server with.");
        Key(yaml, ConfigKeys.AdminAuthType, Text(admin.AuthType?.ToString()), nameof(AuthType.Pkce),
            $"How to sign in: {string.Join(", ", Enum.GetNames<AuthType>())}.");
        Key(yaml, ConfigKeys.AdminClientId, Text(admin.ClientId), "my-client-id",
            "The OAuth client id, for ClientSecret (and PKCE, when the cluster needs one).");
        Key(yaml, ConfigKeys.AdminClientSecretLocation, Text(admin.ClientSecretLocation), "/etc/secrets/client-secret",
            "A file holding the client secret (ClientSecret).");
        Key(yaml, ConfigKeys.AdminClientSecretEnvVar, Text(admin.ClientSecretEnvVar), "FLYTE_CLIENT_SECRET",
            "An environment variable holding the client secret (ClientSecret).");
        Key(yaml, ConfigKeys.AdminScopes, List(admin.Scopes), "[\"all\"]",
            "OAuth scopes to ask for.");
        Key(yaml, ConfigKeys.AdminAudience, Text(admin.Audience), "urn:flyte",
            "The audience to ask tokens for, when the cluster's own (AuthMetadataService) is not the one wanted.");
        Key(yaml, ConfigKeys.AdminCommand, List(admin.Command), "[\"my-token-tool\", \"get-token\"]",
            "ExternalCommand: the program (and arguments) that prints a token.");
        Key(yaml, ConfigKeys.AdminProxyCommand, List(admin.ProxyCommand), "[\"my-token-tool\", \"proxy-token\"]",
            "The program (and arguments) that prints a token for a proxy in front of Flyte.");
        Key(yaml, ConfigKeys.AdminHttpProxyUrl, Text(admin.HttpProxyUrl), "http://proxy.example.com:3128",
            "An HTTP proxy for the sign-in requests.");
        Key(yaml, ConfigKeys.AdminTransport, admin.Transport == Remote.RemoteTransport.GrpcWeb ? "grpc-web" : null, "grpc-web",
            "grpc (HTTP/2, the default) or grpc-web (HTTP/1.1), for an ingress or proxy that does not pass HTTP/2.");

        var task = config.Task;
        Section(yaml, "task", "Where runs and deployments go when a command does not say.");
        Key(yaml, ConfigKeys.TaskOrg, Text(task.Org, keepEmpty: true), "", "The organization; empty for a single-tenant cluster or a devbox.");
        Key(yaml, ConfigKeys.TaskProject, Text(task.Project), TaskConfig.DefaultProject, "The project.");
        Key(yaml, ConfigKeys.TaskDomain, Text(task.Domain), TaskConfig.DefaultDomain, "The domain, e.g. development, staging or production.");

        var image = config.Image;
        Section(yaml, "image", "How task images are built.");
        Key(yaml, ConfigKeys.ImageBuilder, Text(image.Builder), "local", "The image builder.");
        Key(yaml, ConfigKeys.ImageRegistry, Text(image.Registry), "ghcr.io/my-org", "The registry images are pushed to and pulled from.");
        Key(yaml, ConfigKeys.ImageDefault, Text(image.Default), "ghcr.io/my-org/tasks:1", "The image of tasks that name none when deploying a build with no pushed image.");

        var storage = config.Storage;
        Section(yaml, "storage", "S3-compatible object storage, for the C# SDK; unset keys come from the AWS_* environment variables.");
        Key(yaml, ConfigKeys.StorageEndpoint, Text(storage.Endpoint), "http://127.0.0.1:9000", "The service URL; leave unset for AWS itself.");
        Key(yaml, ConfigKeys.StorageRegion, Text(storage.Region), "us-east-1", "The region.");
        Key(yaml, ConfigKeys.StorageAccessKeyId, Text(storage.AccessKeyId), "my-access-key-id", "The access key id.");
        Key(yaml, ConfigKeys.StorageSecretAccessKey, Text(storage.SecretAccessKey), "my-secret-access-key",
            "The secret access key; keep this file private when you set it.");
        Key(yaml, ConfigKeys.StorageForcePathStyle, storage.ForcePathStyle is { } pathStyle ? Boolean(pathStyle) : null, "true",
            "true for endpoint/bucket/key addressing (the default when an endpoint is set).");
        return yaml.ToString();
    }

    private static void Section(StringBuilder yaml, string name, string comment)
    {
        yaml.AppendLine();
        yaml.Append("# ").AppendLine(comment);
        yaml.Append(name).AppendLine(":");
    }

    /// <summary>The key with its value, or, when <paramref name="value"/> is null, commented out with an example.</summary>
    private static void Key(StringBuilder yaml, ConfigKey key, string? value, string example, string comment)
    {
        yaml.Append("  # ").AppendLine(comment);
        if (value is null)
        {
            yaml.Append("  # ").Append(key.Name).Append(": ").AppendLine(example);
        }
        else
        {
            yaml.Append("  ").Append(key.Name).Append(": ").AppendLine(value);
        }
    }

    private static string? Text(string? value, bool keepEmpty = false) =>
        value is null || (value.Length == 0 && !keepEmpty) ? null : Quote(value);

    private static string Boolean(bool value) => value ? "true" : "false";

    private static string? List(IReadOnlyList<string> items) =>
        items.Count == 0 ? null : "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>A YAML double-quoted scalar: always valid, whatever the text holds.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                _ when char.IsControl(c) => quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }
        return quoted.Append('"').ToString();
    }
}
