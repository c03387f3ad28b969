using Flyte.Storage;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Run data (inputs, outputs, code bundles) in an S3 bucket rather than the data folder: objects are named
/// <c>s3://&lt;bucket&gt;/&lt;prefix&gt;/…</c> and clients upload to presigned S3 URLs. The database, attempt folders and
/// logs stay in the data folder.
/// </summary>
public sealed record S3StorageOptions
{
    public required string Bucket { get; init; }

    /// <summary>The folder of the bucket the devbox keeps its objects under, e.g. <c>devbox</c>; empty for the bucket's top level.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>
    /// The endpoint, region, credentials and addressing style. An endpoint is required (from here or
    /// <c>AWS_ENDPOINT_URL_S3</c>/<c>AWS_ENDPOINT_URL</c>); other unset values come from the AWS variables.
    /// </summary>
    public S3StoreOptions Connection { get; init; } = new();

    /// <summary>Reads the AWS variables that give what <see cref="Connection"/> leaves unset; this process's by default.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary><c>s3://bucket/prefix</c>: where the objects are.</summary>
    public override string ToString() => Prefix.Trim('/') is { Length: > 0 } prefix ? $"s3://{Bucket}/{prefix}" : $"s3://{Bucket}";
}
