using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Flyte.Storage;

/// <summary>
/// Objects in S3 (<c>s3://bucket/key</c>) or any S3-compatible store, including GCS through its XML API
/// (<c>gs://bucket/key</c>, see <see cref="ForGcs"/>). Requests are retried by the AWS SDK's standard retry mode.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    /// <summary>The S3-compatible XML API of Google Cloud Storage.</summary>
    public const string GcsEndpoint = S3ClientSettings.GcsEndpoint;

    // S3's limit on the parts of one multipart upload.
    private const int MaxParts = 10_000;

    private readonly AmazonS3Client client;
    private readonly long multipartThreshold;
    private readonly int partSize;

    /// <summary>A store for <c>s3://</c> URIs.</summary>
    public S3ObjectStore(S3StoreOptions? options = null)
        : this(ObjectStores.S3Scheme, options ?? new S3StoreOptions(), Environment.GetEnvironmentVariable)
    {
    }

    internal S3ObjectStore(string scheme, S3StoreOptions options, Func<string, string?> environment)
    {
        Settings = S3ClientSettings.Resolve(scheme, options, environment);
        multipartThreshold = options.MultipartThreshold;
        partSize = checked((int)options.PartSize);
        client = CreateClient(Settings, options.MaxRetries);
    }

    /// <summary>A store for <c>gs://</c> URIs, at <see cref="GcsEndpoint"/> unless <paramref name="options"/> names another; credentials are GCS HMAC keys.</summary>
    public static S3ObjectStore ForGcs(S3StoreOptions? options = null) =>
        new(ObjectStores.GcsScheme, options ?? new S3StoreOptions(), Environment.GetEnvironmentVariable);

    /// <summary>The URI scheme this store serves: <c>s3</c> or <c>gs</c>.</summary>
    public string Scheme => Settings.Scheme;

    /// <summary>The service URL requests go to; null for AWS's own regional endpoints.</summary>
    public string? Endpoint => Settings.Endpoint;

    internal S3ClientSettings Settings { get; }

    internal AmazonS3Client Client => client;

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken = default)
    {
        var location = ParseObject(uri);
        try
        {
            var response = await client.GetObjectAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(uri, e);
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string uri, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var location = ParseObject(uri);
        // Read one byte past the threshold to know which side of it the object falls on, whatever the stream.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(multipartThreshold + 1, partSize));
        try
        {
            var filled = await FillAsync(content, buffer, 0, (int)multipartThreshold + 1, cancellationToken).ConfigureAwait(false);
            if (filled <= multipartThreshold)
            {
                await PutAsync(location, buffer, filled, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await UploadInPartsAsync(location, content, buffer, filled, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default)
    {
        var location = ParseObject(uri);
        try
        {
            await client.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
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
            await client.DeleteObjectAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode == "NoSuchKey")
        {
            // S3 answers 204 for a missing key; some compatible stores answer 404.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var location = S3Location.Parse(prefix, Scheme);
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Key };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var entry in response.S3Objects ?? [])
            {
                yield return new S3Location(location.Bucket, entry.Key).ToUri(Scheme);
            }
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    private static AmazonS3Client CreateClient(S3ClientSettings settings, int maxRetries)
    {
        var config = new AmazonS3Config
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxRetries,
            ForcePathStyle = settings.ForcePathStyle,
        };
        if (settings.Endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            config.ServiceURL = settings.Endpoint;
            config.AuthenticationRegion = settings.Region;
            // Other S3s (GCS, s3rver, older MinIO) reject or mis-store the CRC trailers the AWS SDK now adds by default.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        if (settings.AccessKeyId is null || settings.SecretAccessKey is null)
        {
            return new AmazonS3Client(config);
        }
        AWSCredentials credentials = settings.SessionToken is null
            ? new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey)
            : new SessionAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey, settings.SessionToken);
        return new AmazonS3Client(credentials, config);
    }

    private async Task PutAsync(S3Location location, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        // A seekable, in-memory body lets the SDK sign it and rewind it on a retry.
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        };
        await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads <paramref name="buffer"/>[..<paramref name="filled"/>] and then the rest of <paramref name="content"/> as parts of <see cref="partSize"/> bytes.</summary>
    private async Task UploadInPartsAsync(S3Location location, Stream content, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        var initiated = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key },
            cancellationToken).ConfigureAwait(false);
        var uploadId = initiated.UploadId;
        try
        {
            var parts = new List<PartETag>();
            while (true)
            {
                if (filled < partSize)
                {
                    filled += await FillAsync(content, buffer, filled, partSize - filled, cancellationToken).ConfigureAwait(false);
                }
                if (filled == 0)
                {
                    break;
                }
                if (parts.Count == MaxParts)
                {
                    throw new InvalidOperationException(
                        $"{location.ToUri(Scheme)} needs more than {MaxParts} parts of {partSize} bytes; raise S3StoreOptions.PartSize.");
                }

                var take = Math.Min(filled, partSize);
                parts.Add(await UploadPartAsync(location, uploadId, parts.Count + 1, buffer, take, cancellationToken).ConfigureAwait(false));
                buffer.AsSpan(take, filled - take).CopyTo(buffer);
                filled -= take;
                if (take < partSize)
                {
                    break;
                }
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key, UploadId = uploadId, PartETags = parts },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await TryAbortAsync(location, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Parts of an unfinished upload are stored (and billed) until aborted. A failed abort is left to the bucket's
    /// lifecycle rules: the error that stopped the upload is the one the caller needs to see.
    /// </summary>
    private async Task TryAbortAsync(S3Location location, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key, UploadId = uploadId },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (AmazonServiceException)
        {
        }
        catch (HttpRequestException)
        {
        }
    }

    private async Task<PartETag> UploadPartAsync(S3Location location, string uploadId, int partNumber, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        var response = await client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = location.Bucket,
                Key = location.Key,
                UploadId = uploadId,
                PartNumber = partNumber,
                InputStream = body,
                PartSize = count,
                UseChunkEncoding = false,
            },
            cancellationToken).ConfigureAwait(false);
        return new PartETag(partNumber, response.ETag);
    }

    /// <summary>Reads until <paramref name="count"/> bytes are in or the stream ends; returns how many were read.</summary>
    private static async Task<int> FillAsync(Stream stream, byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(offset + total, count - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    private S3Location ParseObject(string uri)
    {
        var location = S3Location.Parse(uri, Scheme);
        if (location.Key.Length == 0 || location.Key.EndsWith('/'))
        {
            throw new ArgumentException($"The URI names no object: {uri}", nameof(uri));
        }
        return location;
    }
}
