namespace Flyte.Storage;

/// <summary>
/// How to reach each kind of object store; a store whose options are unset reads the environment, as
/// docs/storage.md describes.
/// </summary>
public sealed record ObjectStoreOptions
{
    /// <summary>For <c>s3://</c>, and for <c>gs://</c> through GCS's S3-interoperable XML API when it holds HMAC keys.</summary>
    public S3StoreOptions? S3 { get; init; }

    /// <summary>For <c>abfs://</c> and <c>abfss://</c> (Azure Blob Storage).</summary>
    public AzureStoreOptions? Azure { get; init; }

    /// <summary>For <c>gs://</c> through Google's own client library, when no HMAC keys are given.</summary>
    public GcsStoreOptions? Gcs { get; init; }
}
