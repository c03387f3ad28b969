using System.Net;
using System.Net.Http.Headers;
using Flyteidl2.Dataproxy;

namespace Flyte.Remote;

/// <summary>
/// The HTTP PUT of a file to the signed URL CreateUploadLocation returned, with the headers it asked for (kept on every
/// attempt), its Content-MD5, and Azure's <c>x-ms-blob-type</c> when the object lives in Azure Blob Storage; retried as
/// <see cref="SignedUrlRetry"/> says.
/// </summary>
internal static class SignedUrlUpload
{
    private const string AzureBlobTypeHeader = "x-ms-blob-type";
    private const string DefaultContentType = "application/octet-stream";

    public static async Task PutAsync(HttpClient http, CreateUploadLocationResponse location, LocalUpload upload, SignedUrlRetry retry, CancellationToken cancellationToken)
    {
        var headers = HeadersFor(location);
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                using var response = await SendAsync(http, location.SignedUrl, headers, upload, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                string body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
                string failure = $"HTTP {(int)response.StatusCode} {body}".TrimEnd();
                if (!IsRetryable(response.StatusCode) || attempt > retry.MaxRetries)
                {
                    throw Failed(upload, failure, attempt);
                }
                wait = RetryAfter(response, retry) ?? retry.BackoffBefore(attempt);
            }
            catch (Exception e) when (IsDropped(e, cancellationToken))
            {
                if (attempt > retry.MaxRetries)
                {
                    throw Failed(upload, e.Message, attempt, e);
                }
                wait = retry.BackoffBefore(attempt);
            }
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What every attempt sends besides the body's own Content-MD5 and Content-Length: Azure's blob type for an
    /// <c>abfs://</c> or <c>abfss://</c> native URL (as flyte-sdk adds it), then the headers the control plane asked for,
    /// which win; a Content-Type it did not ask for is application/octet-stream.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> HeadersFor(CreateUploadLocationResponse location)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (IsAzure(location.NativeUrl))
        {
            headers[AzureBlobTypeHeader] = "BlockBlob";
        }
        foreach (var (name, value) in location.Headers)
        {
            // The body's own length and MD5 are set from the file itself.
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-MD5", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = value;
            }
        }
        headers.TryAdd("Content-Type", DefaultContentType);
        return headers;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string signedUrl, IReadOnlyDictionary<string, string> headers, LocalUpload upload,
        CancellationToken cancellationToken)
    {
        // Opened anew for each attempt: a retry sends the whole file again.
        var file = new FileStream(upload.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        using var content = new StreamContent(file);
        content.Headers.ContentMD5 = upload.ContentMd5;
        using var request = new HttpRequestMessage(HttpMethod.Put, signedUrl) { Content = content };
        foreach (var (name, value) in headers)
        {
            // Content-Type and its kin belong to the body.
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A connection that failed or was cut, or HttpClient's own time-out (not the caller's cancellation).</summary>
    private static bool IsDropped(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait a 429 or 5xx answer asks for in Retry-After (seconds or a date), capped; null when it asks for none.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, SignedUrlRetry retry)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } value)
        {
            return null;
        }
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > retry.RetryAfterCap ? retry.RetryAfterCap : value;
    }

    private static bool IsAzure(string nativeUrl) =>
        nativeUrl.StartsWith("abfs://", StringComparison.OrdinalIgnoreCase) || nativeUrl.StartsWith("abfss://", StringComparison.OrdinalIgnoreCase);

    private static FlyteRemoteException Failed(LocalUpload upload, string failure, int attempts, Exception? inner = null) =>
        new($"uploading {upload.Description} {upload.LocalPath} failed{(attempts > 1 ? $" after {attempts} attempts" : "")}: {failure}", inner);
}
