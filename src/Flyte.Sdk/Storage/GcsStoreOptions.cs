namespace Flyte.Storage;

/// <summary>
/// How to reach Google Cloud Storage through Google's own client library. Credentials are Google's application default
/// credentials (<c>GOOGLE_APPLICATION_CREDENTIALS</c>, gcloud's, or the metadata server's: Workload Identity on GKE).
/// </summary>
public sealed record GcsStoreOptions
{
    /// <summary>The default size of the chunks of a resumable upload: 8 MiB.</summary>
    public const int DefaultChunkSize = 8 * 1024 * 1024;

    /// <summary>
    /// The JSON API's base URL for an emulator, e.g. <c>http://127.0.0.1:9199</c>, reached without credentials; null
    /// reads <c>STORAGE_EMULATOR_HOST</c>, and without it Google's own endpoint.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>Uploads are resumable, in chunks of this many bytes (a multiple of 256 KiB).</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;
}
