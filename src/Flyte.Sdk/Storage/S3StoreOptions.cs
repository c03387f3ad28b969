namespace Flyte.Storage;

/// <summary>
/// How to reach an S3-compatible store. Unset values come from the environment: what Flyte's charts give pods
/// (<c>FLYTE_AWS_ENDPOINT</c>, <c>FLYTE_AWS_ACCESS_KEY_ID</c>, <c>FLYTE_AWS_SECRET_ACCESS_KEY</c>,
/// <c>FLYTE_AWS_S3_ADDRESSING_STYLE</c>), then the usual AWS variables (<c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL</c>,
/// <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>);
/// credentials that are set nowhere come from the AWS SDK's default chain (profiles, web identity, container and
/// instance roles: a pod's IAM role). docs/storage.md has the order.
/// </summary>
public sealed record S3StoreOptions
{
    /// <summary>The default size above which uploads are multipart: 16 MiB.</summary>
    public const long DefaultMultipartThreshold = 16L * 1024 * 1024;

    /// <summary>The smallest part S3 accepts, except for the last one.</summary>
    public const long MinimumPartSize = 5L * 1024 * 1024;

    /// <summary>Service URL, e.g. <c>http://127.0.0.1:4568</c>; null for AWS itself (or the GCS endpoint for <c>gs://</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary>The region; null for the SDK's default chain.</summary>
    public string? Region { get; init; }

    /// <summary>An access key id; null for the SDK's default credential chain.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The secret of <see cref="AccessKeyId"/>.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>A session token for temporary credentials.</summary>
    public string? SessionToken { get; init; }

    /// <summary><c>endpoint/bucket/key</c> rather than <c>bucket.endpoint/key</c>; null means "yes when an endpoint is set".</summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>Objects larger than this many bytes are uploaded in parts.</summary>
    public long MultipartThreshold { get; init; } = DefaultMultipartThreshold;

    /// <summary>Size of each uploaded part but the last; at least <see cref="MinimumPartSize"/>. Memory use per upload is about this or the threshold, whichever is larger.</summary>
    public long PartSize { get; init; } = DefaultMultipartThreshold;

    /// <summary>Retries after the first attempt of each request, with the AWS SDK's standard retry mode (exponential backoff with jitter).</summary>
    public int MaxRetries { get; init; } = 4;
}
