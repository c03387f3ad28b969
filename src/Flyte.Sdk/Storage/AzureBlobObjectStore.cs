using System.Runtime.CompilerServices;
using Azure;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Flyte.Storage;

/// <summary>
/// Objects in Azure Blob Storage, addressed as flyte-sdk addresses them (<c>abfs://</c> or <c>abfss://</c>, see
/// <see cref="AzureBlobLocation"/>), through Azure.Storage.Blobs. Requests are retried by the Azure SDK. Large objects go
/// up as blocks committed at the end, so a reader never sees a partial one.
/// </summary>
public sealed class AzureBlobObjectStore : IObjectStore
{
    private readonly BlobServiceClient client;
    private readonly StorageTransferOptions transfer;

    /// <summary>A store for the account that <paramref name="options"/> or the environment names.</summary>
    public AzureBlobObjectStore(AzureStoreOptions? options = null)
        : this(options ?? new AzureStoreOptions(), uriAccount: null, Environment.GetEnvironmentVariable)
    {
    }

    internal AzureBlobObjectStore(AzureStoreOptions options, string? uriAccount, Func<string, string?> environment)
    {
        Settings = AzureClientSettings.Resolve(options, uriAccount, environment);
        client = CreateClient(Settings, options.MaxRetries);
        transfer = new StorageTransferOptions
        {
            // The SDK sends in one request only what is smaller than this.
            InitialTransferSize = options.SingleUploadLimit + 1,
            MaximumTransferSize = options.BlockSize,
            // One block in flight: memory stays near one block, as with the S3 store's parts.
            MaximumConcurrency = 1,
        };
    }

    /// <summary>A store for <paramref name="uri"/>'s account (named in the URI, else by <paramref name="options"/> or the environment).</summary>
    internal static AzureBlobObjectStore For(string uri, AzureStoreOptions? options) =>
        new(options ?? new AzureStoreOptions(), AzureBlobLocation.Parse(uri).Account, Environment.GetEnvironmentVariable);

    /// <summary>The storage account this store reaches.</summary>
    public string AccountName => client.AccountName;

    /// <summary>Where the credentials come from.</summary>
    public AzureCredentialSource CredentialSource => Settings.Source;

    internal AzureClientSettings Settings { get; }

    internal BlobServiceClient Client => client;

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(uri);
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ObjectNotFoundException(uri, e);
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string uri, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = BlobOf(uri);
        await blob.UploadAsync(content, new BlobUploadOptions { TransferOptions = transfer }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(uri);
        try
        {
            return (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A missing container.
            return false;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string uri, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(uri);
        try
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A missing container.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var location = Locate(prefix);
        var container = client.GetBlobContainerClient(location.Container);
        var pages = container.GetBlobsAsync(new GetBlobsOptions { Prefix = location.Key.Length == 0 ? null : location.Key }, cancellationToken).AsPages();
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Page<BlobItem> page;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
                page = enumerator.Current;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // A missing container holds nothing.
                yield break;
            }
            // The service lists names in ascending order already.
            foreach (var item in page.Values)
            {
                yield return location.UriOf(item.Name);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static BlobServiceClient CreateClient(AzureClientSettings settings, int maxRetries)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = maxRetries;
        return settings.Source switch
        {
            AzureCredentialSource.ConnectionString => new BlobServiceClient(settings.ConnectionString, options),
            AzureCredentialSource.SharedKey => new BlobServiceClient(settings.ServiceUri, new StorageSharedKeyCredential(settings.Account, settings.AccountKey), options),
            _ => new BlobServiceClient(settings.ServiceUri, new DefaultAzureCredential(), options),
        };
    }

    private AzureBlobLocation Locate(string uri)
    {
        var location = AzureBlobLocation.Parse(uri);
        if (location.Account is { } account && !account.Equals(client.AccountName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"This store reaches the storage account '{client.AccountName}', not '{account}' ({uri}); open one for that URI with ObjectStores.For.", nameof(uri));
        }
        return location;
    }

    private BlobClient BlobOf(string uri)
    {
        var location = Locate(uri);
        if (location.Key.Length == 0 || location.Key.EndsWith('/'))
        {
            throw new ArgumentException($"The URI names no object: {uri}", nameof(uri));
        }
        return client.GetBlobContainerClient(location.Container).GetBlobClient(location.Key);
    }
}
