using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Apis.Auth.OAuth2;
using Google.Cloud.Storage.V1;

namespace Flyte.Storage;

/// <summary>
/// Objects in Google Cloud Storage (<c>gs://bucket/key</c>) through Google's own client library (its JSON API), with
/// application default credentials: Workload Identity in a GKE pod, a key file named by
/// <c>GOOGLE_APPLICATION_CREDENTIALS</c>, or gcloud's. Uploads are resumable and the object appears only once whole.
/// </summary>
public sealed class GcsObjectStore : IObjectStore
{
    private readonly StorageClient client;
    private readonly int chunkSize;

    /// <summary>A store for <c>gs://</c> URIs.</summary>
    public GcsObjectStore(GcsStoreOptions? options = null)
        : this(options ?? new GcsStoreOptions(), Environment.GetEnvironmentVariable)
    {
    }

    internal GcsObjectStore(GcsStoreOptions options, Func<string, string?> environment)
    {
        if (options.ChunkSize <= 0 || options.ChunkSize % UploadObjectOptions.MinimumChunkSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ChunkSize,
                $"GcsStoreOptions.ChunkSize must be a positive multiple of {UploadObjectOptions.MinimumChunkSize} bytes.");
        }
        chunkSize = options.ChunkSize;
        Endpoint = EmulatorEndpoint(options, environment);
        var builder = new StorageClientBuilder();
        if (Endpoint is null)
        {
            Credential = GoogleCredential.GetApplicationDefault();
            builder.GoogleCredential = Credential;
        }
        else
        {
            builder.BaseUri = Endpoint + "/storage/v1/";
            builder.UnauthenticatedAccess = true;
        }
        client = builder.Build();
    }

    /// <summary>The emulator's base URL, without a trailing slash; null for Google's own endpoint.</summary>
    public string? Endpoint { get; }

    /// <summary>The application default credential in use; null against an emulator.</summary>
    internal GoogleCredential? Credential { get; }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken = default)
    {
        var location = ParseObject(uri);
        // The library downloads into a stream it is given (checking the object's hash); a file that deletes itself
        // when closed keeps a large object out of memory.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await client.DownloadObjectAsync(location.Bucket, location.Key, file, cancellationToken: cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw new ObjectNotFoundException(uri, e);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string uri, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var location = ParseObject(uri);
        await client.UploadObjectAsync(location.Bucket, location.Key, "application/octet-stream", content,
            new UploadObjectOptions { ChunkSize = chunkSize }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default)
    {
        var location = ParseObject(uri);
        try
        {
            await client.GetObjectAsync(location.Bucket, location.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string uri, CancellationToken cancellationToken = default)
    {
        var location = ParseObject(uri);
        try
        {
            await client.DeleteObjectAsync(location.Bucket, location.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var location = S3Location.Parse(prefix, ObjectStores.GcsScheme);
        var pages = client.ListObjectsAsync(location.Bucket, location.Key.Length == 0 ? null : location.Key).AsRawResponses();
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Google.Apis.Storage.v1.Data.Objects page;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
                page = enumerator.Current;
            }
            catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
            {
                // A missing bucket holds nothing.
                yield break;
            }
            // The service lists names in ascending order already.
            foreach (var item in page.Items ?? [])
            {
                yield return new S3Location(location.Bucket, item.Name).ToUri(ObjectStores.GcsScheme);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    private static string? EmulatorEndpoint(GcsStoreOptions options, Func<string, string?> environment)
    {
        var endpoint = options.Endpoint ?? (environment("STORAGE_EMULATOR_HOST") is { Length: > 0 } host ? host : null);
        if (endpoint is null)
        {
            return null;
        }
        // STORAGE_EMULATOR_HOST is often written host:port.
        if (!endpoint.Contains("://", StringComparison.Ordinal))
        {
            endpoint = "http://" + endpoint;
        }
        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? endpoint.TrimEnd('/')
            : throw new ArgumentException($"The GCS emulator endpoint must be an http(s) URL such as http://127.0.0.1:9199, not '{endpoint}' (GcsStoreOptions.Endpoint or STORAGE_EMULATOR_HOST).");
    }

    private static S3Location ParseObject(string uri)
    {
        var location = S3Location.Parse(uri, ObjectStores.GcsScheme);
        if (location.Key.Length == 0 || location.Key.EndsWith('/'))
        {
            throw new ArgumentException($"The URI names no object: {uri}", nameof(uri));
        }
        return location;
    }
}
