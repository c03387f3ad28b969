using Flyte.Storage;

namespace Flyte.Runtime.Configuration;

/// <summary>
/// The <c>storage</c> section (ours; flyte-sdk ignores it): how to reach S3-compatible object storage. Unset values fall
/// back to Flyte's <c>FLYTE_AWS_*</c> variables, then the usual AWS ones, as <see cref="S3StoreOptions"/> describes.
/// </summary>
internal sealed record StorageConfig
{
    /// <summary>Service URL, e.g. <c>http://127.0.0.1:4568</c>; null for AWS itself.</summary>
    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    /// <summary><c>endpoint/bucket/key</c> addressing; null means "yes when an endpoint is set".</summary>
    public bool? ForcePathStyle { get; init; }

    public S3StoreOptions ToS3StoreOptions() => new()
    {
        Endpoint = Endpoint,
        Region = Region,
        AccessKeyId = AccessKeyId,
        SecretAccessKey = SecretAccessKey,
        ForcePathStyle = ForcePathStyle,
    };
}
