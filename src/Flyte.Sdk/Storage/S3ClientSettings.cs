namespace Flyte.Storage;

/// <summary><see cref="S3StoreOptions"/> completed from the environment, for one URI scheme.</summary>
internal sealed record S3ClientSettings(
    string Scheme,
    string? Endpoint,
    string Region,
    string? AccessKeyId,
    string? SecretAccessKey,
    string? SessionToken,
    bool ForcePathStyle)
{
    public const string GcsEndpoint = "https://storage.googleapis.com";

    // Without a region the AWS SDK would ask the instance metadata service; S3 accepts any region for a bucket lookup
    // from us-east-1, and GCS signs with "auto".
    private const string DefaultRegion = "us-east-1";
    private const string GcsRegion = "auto";

    public static S3ClientSettings Resolve(string scheme, S3StoreOptions options, Func<string, string?> environment)
    {
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var isGcs = scheme == ObjectStores.GcsScheme;
        // FLYTE_AWS_ENDPOINT is what Flyte's charts give pods (flyte-sdk reads it); AWS_ENDPOINT_URL* point the AWS SDKs
        // at another S3. None of them says where gs:// lives.
        var endpoint = options.Endpoint
            ?? (isGcs ? GcsEndpoint : Variable("FLYTE_AWS_ENDPOINT") ?? Variable("AWS_ENDPOINT_URL_S3") ?? Variable("AWS_ENDPOINT_URL"));
        var region = options.Region
            ?? (isGcs ? GcsRegion : Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION") ?? DefaultRegion);

        var (accessKeyId, secretAccessKey, sessionToken) = Keys(options, Variable);
        var pathStyle = options.ForcePathStyle ?? PathStyleOf(Variable("FLYTE_AWS_S3_ADDRESSING_STYLE")) ?? endpoint is not null;

        if (options.PartSize < S3StoreOptions.MinimumPartSize || options.PartSize > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PartSize,
                $"S3StoreOptions.PartSize must be between {S3StoreOptions.MinimumPartSize} and {Array.MaxLength} bytes.");
        }
        if (options.MultipartThreshold < 0 || options.MultipartThreshold >= Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MultipartThreshold,
                $"S3StoreOptions.MultipartThreshold must be between 0 and {Array.MaxLength - 1} bytes.");
        }
        if (options.MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRetries, "S3StoreOptions.MaxRetries must not be negative.");
        }

        return new S3ClientSettings(
            scheme,
            endpoint,
            region,
            accessKeyId,
            secretAccessKey,
            sessionToken,
            pathStyle);
    }

    /// <summary>Whether an access key is given, in <paramref name="options"/> or the environment (for <c>gs://</c>: HMAC keys, so GCS's S3 interoperability).</summary>
    public static bool HasAccessKey(S3StoreOptions options, Func<string, string?> environment) =>
        options.AccessKeyId is not null || environment("FLYTE_AWS_ACCESS_KEY_ID") is { Length: > 0 } || environment("AWS_ACCESS_KEY_ID") is { Length: > 0 };

    /// <summary>
    /// The key pair from the first place that has one: the options, then Flyte's <c>FLYTE_AWS_*</c> variables (as flyte-sdk,
    /// whose explicit keys win over the AWS SDK's own), then <c>AWS_*</c>. Null: the AWS SDK's default chain decides.
    /// </summary>
    private static (string? AccessKeyId, string? SecretAccessKey, string? SessionToken) Keys(S3StoreOptions options, Func<string, string?> variable)
    {
        if (options.AccessKeyId is not null || options.SecretAccessKey is not null)
        {
            return (Pair(options.AccessKeyId, options.SecretAccessKey, "S3StoreOptions.AccessKeyId and S3StoreOptions.SecretAccessKey"), options.SecretAccessKey, options.SessionToken);
        }
        var flyteId = variable("FLYTE_AWS_ACCESS_KEY_ID");
        var flyteSecret = variable("FLYTE_AWS_SECRET_ACCESS_KEY");
        if (flyteId is not null || flyteSecret is not null)
        {
            return (Pair(flyteId, flyteSecret, "FLYTE_AWS_ACCESS_KEY_ID and FLYTE_AWS_SECRET_ACCESS_KEY"), flyteSecret, null);
        }
        var awsId = variable("AWS_ACCESS_KEY_ID");
        var awsSecret = variable("AWS_SECRET_ACCESS_KEY");
        return awsId is null && awsSecret is null
            ? (null, null, options.SessionToken)
            : (Pair(awsId, awsSecret, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), awsSecret, options.SessionToken ?? variable("AWS_SESSION_TOKEN"));
    }

    private static string Pair(string? accessKeyId, string? secretAccessKey, string names) =>
        accessKeyId is not null && secretAccessKey is not null
            ? accessKeyId
            : throw new ArgumentException($"S3 credentials need both an access key id and a secret access key ({names}); only one is set.");

    private static bool? PathStyleOf(string? addressingStyle) => addressingStyle?.ToLowerInvariant() switch
    {
        null => null,
        "path" => true,
        "virtual" => false,
        _ => throw new ArgumentException($"FLYTE_AWS_S3_ADDRESSING_STYLE must be 'path' or 'virtual', not '{addressingStyle}'."),
    };
}
