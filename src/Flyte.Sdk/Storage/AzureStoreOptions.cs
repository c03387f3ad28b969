namespace Flyte.Storage;

/// <summary>
/// How to reach Azure Blob Storage. Unset values come from the environment variables flyte-sdk reads
/// (<c>AZURE_STORAGE_ACCOUNT_NAME</c>, <c>AZURE_STORAGE_ACCOUNT_KEY</c>) and <c>AZURE_STORAGE_CONNECTION_STRING</c>;
/// with no key and no connection string, credentials come from Azure.Identity's <c>DefaultAzureCredential</c>
/// (environment, workload identity, managed identity, developer tools), as docs/storage.md describes.
/// </summary>
public sealed record AzureStoreOptions
{
    /// <summary>The default size of the blocks a large upload is split into: 8 MiB.</summary>
    public const long DefaultBlockSize = 8L * 1024 * 1024;

    /// <summary>The default size up to which a file is uploaded in one request: 16 MiB.</summary>
    public const long DefaultSingleUploadLimit = 16L * 1024 * 1024;

    /// <summary>The storage account, for URIs that do not name one (<c>abfs://container/path</c>).</summary>
    public string? AccountName { get; init; }

    /// <summary>The account's shared key (base64).</summary>
    public string? AccountKey { get; init; }

    /// <summary>A storage connection string (an emulator's, or one with a SAS); it names the account and its endpoint.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The Blob service URL, e.g. <c>http://127.0.0.1:10000/devstoreaccount1</c>; null for <c>https://&lt;account&gt;.blob.core.windows.net</c>.</summary>
    public string? ServiceUri { get; init; }

    /// <summary>
    /// Objects up to this many bytes are uploaded in one request, larger ones as blocks committed at the end; a stream
    /// that cannot seek (whose length is unknown) always goes up as blocks.
    /// </summary>
    public long SingleUploadLimit { get; init; } = DefaultSingleUploadLimit;

    /// <summary>Size of each uploaded block but the last.</summary>
    public long BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>Retries after the first attempt of each request, with the Azure SDK's exponential backoff.</summary>
    public int MaxRetries { get; init; } = 4;
}
