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
        // AWS_ENDPOINT_URL* point the AWS SDKs at another S3; they say nothing about where gs:// lives.
        var endpoint = options.Endpoint
            ?? (isGcs ? GcsEndpoint : Variable("AWS_ENDPOINT_URL_S3") ?? Variable("AWS_ENDPOINT_URL"));
        var region = options.Region
            ?? (isGcs ? GcsRegion : Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION") ?? DefaultRegion);

        var accessKeyId = options.AccessKeyId ?? Variable("AWS_ACCESS_KEY_ID");
        var secretAccessKey = options.SecretAccessKey ?? Variable("AWS_SECRET_ACCESS_KEY");
        var sessionToken = options.SessionToken ?? (options.AccessKeyId is null ? Variable("AWS_SESSION_TOKEN") : null);
        if ((accessKeyId is null) != (secretAccessKey is null))
        {
            throw new ArgumentException(
                "S3 credentials need both an access key id and a secret access key (S3StoreOptions or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); only one is set.");
        }

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
            options.ForcePathStyle ?? endpoint is not null);
    }
}
