using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Flyte.Storage;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Run data in an S3 bucket (<see cref="S3StorageOptions"/>): <c>s3://bucket/prefix/…</c> native URLs, read and
/// written through the SDK's <see cref="S3ObjectStore"/>, and presigned S3 URLs for clients. An upload URL signs the
/// Content-MD5 header, so S3 refuses a PUT whose header differs from the MD5 asked for, and a body that does not
/// match its header. a0 gets the same endpoint and credentials through the AWS variables.
/// </summary>
public sealed class S3BucketStorage : DevboxStorage
{
    private readonly S3ObjectStore _store;
    private readonly string _bucket;
    // Empty, or the prefix with one trailing slash: keys are _prefix + relative path.
    private readonly string _prefix;
    private readonly Uri _endpoint;

    private S3BucketStorage(S3ObjectStore store, string bucket, string prefix, Uri endpoint)
    {
        _store = store;
        _bucket = bucket;
        _prefix = prefix.Length == 0 ? "" : prefix + "/";
        _endpoint = endpoint;
        Location = prefix.Length == 0 ? $"s3://{bucket}" : $"s3://{bucket}/{prefix}";
        TaskEnvironment = EnvironmentFor(store.Settings);
    }

    public override string Location { get; }

    public override IReadOnlyDictionary<string, string> TaskEnvironment { get; }

    /// <summary>The S3 service URL, e.g. <c>http://127.0.0.1:9000</c>.</summary>
    public string Endpoint => _endpoint.OriginalString;

    /// <summary>Checks the settings and that the bucket answers, and opens the storage.</summary>
    /// <exception cref="DevboxStorageException">A setting is missing or wrong, or the bucket cannot be listed; the message says which.</exception>
    public static async Task<S3BucketStorage> OpenAsync(S3StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            throw new DevboxStorageException("S3 storage needs a bucket: name it as in s3://<bucket>[/<prefix>]");
        }
        if (options.Bucket.Contains('/', StringComparison.Ordinal) || options.Bucket.Any(char.IsWhiteSpace))
        {
            throw new DevboxStorageException($"'{options.Bucket}' is not an S3 bucket name: it must not hold '/' or spaces");
        }
        string prefix = options.Prefix.Trim('/');
        if (prefix.Length > 0 && ObjectPath.Problem(prefix) is { } problem)
        {
            throw new DevboxStorageException($"the S3 prefix '{options.Prefix}' is not valid: {problem}");
        }

        if (options.Connection.Endpoint is { } given)
        {
            HttpUrl(given);
        }

        S3ObjectStore store;
        try
        {
            store = new S3ObjectStore(ObjectStores.S3Scheme, options.Connection, options.Environment);
        }
        catch (Exception e) when (e is ArgumentException or AmazonClientException)
        {
            // An endpoint from the AWS variables that is not a URL, credentials half set, …
            throw new DevboxStorageException($"the S3 storage settings are not valid: {OneLine(e.Message)}", e);
        }
        try
        {
            var endpoint = EndpointOf(store);
            var storage = new S3BucketStorage(store, options.Bucket, prefix, endpoint);
            await storage.CheckBucketAsync(cancellationToken).ConfigureAwait(false);
            return storage;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public override string NativeUrlOf(string relativePath) => $"s3://{_bucket}/{KeyOf(relativePath)}";

    public override bool TryGetRelativePath(string nativeUrl, out string relativePath)
    {
        relativePath = "";
        string start = $"s3://{_bucket}/{_prefix}";
        if (nativeUrl is null || !nativeUrl.StartsWith(start, StringComparison.Ordinal))
        {
            return false;
        }
        string candidate = nativeUrl[start.Length..];
        if (ObjectPath.Problem(candidate) is not null)
        {
            return false;
        }
        relativePath = candidate;
        return true;
    }

    public override async Task<byte[]?> Md5OfAsync(string relativePath, CancellationToken cancellationToken)
    {
        // Hashed rather than taken from the ETag: the ETag of an object uploaded in parts is not the MD5 of its content.
        Stream content;
        try
        {
            content = await _store.OpenReadAsync(NativeUrlOf(relativePath), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
        await using (content.ConfigureAwait(false))
        {
            return await MD5.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<string> UploadUrlAsync(string relativePath, byte[] contentMd5, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(contentMd5);
        var request = Presign(relativePath, HttpVerb.PUT, expiresAt);
        // A signed header: the PUT must carry exactly this value, and S3 checks the body against it.
        request.Headers.ContentMD5 = Convert.ToBase64String(contentMd5);
        return _store.Client.GetPreSignedURLAsync(request);
    }

    public override Task<string> DownloadUrlAsync(string relativePath, DateTimeOffset expiresAt) =>
        _store.Client.GetPreSignedURLAsync(Presign(relativePath, HttpVerb.GET, expiresAt));

    protected override IObjectStore? OwnStoreFor(string uri) =>
        uri.StartsWith(ObjectStores.S3Scheme + "://", StringComparison.OrdinalIgnoreCase) ? _store : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store.Dispose();
        }
        base.Dispose(disposing);
    }

    private string KeyOf(string relativePath) => _prefix + ObjectPath.Validate(relativePath, nameof(relativePath));

    private GetPreSignedUrlRequest Presign(string relativePath, HttpVerb verb, DateTimeOffset expiresAt) => new()
    {
        BucketName = _bucket,
        Key = KeyOf(relativePath),
        Verb = verb,
        Expires = expiresAt.UtcDateTime,
        // The URL's scheme is the request's, not the endpoint's: HTTPS unless asked otherwise.
        Protocol = _endpoint.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
    };

    /// <summary>Lists at most one key: a missing bucket, wrong credentials or an endpoint that does not answer fail the start, not the first run.</summary>
    private async Task CheckBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix, MaxKeys = 1 }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new DevboxStorageException($"the bucket '{_bucket}' does not exist at {Endpoint}; create it first", e);
        }
        catch (AmazonServiceException e)
        {
            throw new DevboxStorageException($"S3 at {Endpoint} refused to list {Location}: {OneLine(e.ErrorCode ?? e.StatusCode.ToString())}: {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException)
        {
            throw new DevboxStorageException($"cannot reach the S3 endpoint {Endpoint}: {OneLine(e.Message)}", e);
        }
    }

    private static Uri EndpointOf(S3ObjectStore store)
    {
        if (store.Endpoint is not { Length: > 0 } endpoint)
        {
            throw new DevboxStorageException(
                "S3 storage needs an endpoint: set storage.endpoint in the config file, FLYTE_STORAGE_ENDPOINT or AWS_ENDPOINT_URL_S3 (a devbox does not send its data to AWS on its own)");
        }
        return HttpUrl(endpoint);
    }

    private static Uri HttpUrl(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DevboxStorageException($"the S3 endpoint '{endpoint}' is not an http:// or https:// URL");
        }
        return uri;
    }

    /// <summary>
    /// The variables a0's S3 store reads (S3StoreOptions), set to what this storage resolved, so a0 reaches the same bucket
    /// the same way: Flyte's own, as the charts give pods (they win over AWS_* in a0), and the AWS ones.
    /// </summary>
    private static Dictionary<string, string> EnvironmentFor(S3ClientSettings settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Empty counts as unset, and hides a value the devbox's own environment holds.
            ["FLYTE_AWS_ENDPOINT"] = settings.Endpoint ?? "",
            ["FLYTE_AWS_S3_ADDRESSING_STYLE"] = settings.ForcePathStyle ? "path" : "virtual",
            ["FLYTE_AWS_ACCESS_KEY_ID"] = settings.AccessKeyId ?? "",
            ["FLYTE_AWS_SECRET_ACCESS_KEY"] = settings.SecretAccessKey ?? "",
            ["AWS_ENDPOINT_URL_S3"] = settings.Endpoint ?? "",
            ["AWS_REGION"] = settings.Region,
            // Credentials come from here or the profile files; the instance metadata service is never the answer for a devbox.
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        if (settings.AccessKeyId is { } accessKeyId && settings.SecretAccessKey is { } secretAccessKey)
        {
            environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
            environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
            // A token the devbox's own environment holds belongs to other keys.
            environment["AWS_SESSION_TOKEN"] = settings.SessionToken ?? "";
        }
        return environment;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").TrimEnd('.');
}
