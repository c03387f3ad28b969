using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Storage;

/// <summary>
/// The HTTP side of devbox storage: <c>PUT /storage/{path}</c> and <c>GET /storage/{path}</c>, each allowed only by a
/// URL that <see cref="SignedUrls"/> signed. Answers: 403 for a bad or expired signature, 400 for a bad path or
/// Content-MD5, 404 for a missing object, 409 for a PUT to an object that holds other content (objects are never
/// replaced); each error with a one-line text body saying what to do. A failure of the devbox itself (a full disk) is
/// logged and answered 500 with a one-line body, never an empty one (docs/devbox-input.md).
/// </summary>
public static class StorageEndpoints
{
    public const string ContentMd5Header = "Content-MD5";

    private const string PathRouteValue = "path";

    public static IEndpointConventionBuilder MapDevboxStorage(this IEndpointRouteBuilder endpoints, DevboxObjectStore store, SignedUrls urls)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(urls);
        var group = endpoints.MapGroup(SignedUrls.RoutePrefix);
        group.MapPut($"/{{**{PathRouteValue}}}", context => GuardedAsync(context, () => PutAsync(context, store, urls)));
        group.MapGet($"/{{**{PathRouteValue}}}", context => GuardedAsync(context, () => GetAsync(context, store, urls)));
        return group;
    }

    private static async Task GuardedAsync(HttpContext context, Func<Task> handle)
    {
        try
        {
            await handle().ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageEndpoints));
            logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                await ErrorAsync(context, StatusCodes.Status500InternalServerError,
                    $"The devbox could not complete this {context.Request.Method}: {e.GetType().Name}; see its log. Nothing partial was stored.").ConfigureAwait(false);
            }
        }
    }

    private static async Task PutAsync(HttpContext context, DevboxObjectStore store, SignedUrls urls)
    {
        if (await ReadAuthorizedPathAsync(context, urls, StorageOperation.Put).ConfigureAwait(false) is not { } path)
        {
            return;
        }

        var signedMd5 = Md5FromBase64(context.Request.Query[SignedUrls.Md5Parameter]);
        string? header = context.Request.Headers[ContentMd5Header];
        if (string.IsNullOrEmpty(header))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"The {ContentMd5Header} header is missing: send the headers that CreateUploadLocation returned (the base64 MD5 of the body).").ConfigureAwait(false);
            return;
        }
        var headerMd5 = Md5FromBase64(header);
        if (headerMd5 is null || signedMd5 is null || !CryptographicOperations.FixedTimeEquals(headerMd5, signedMd5))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"The {ContentMd5Header} header '{header}' is not the MD5 this URL was signed for; send the headers that CreateUploadLocation returned with this URL.").ConfigureAwait(false);
            return;
        }

        // Code bundles and data files can be larger than Kestrel's default 30 MB request limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }
        var (outcome, bodyMd5) = await VerifiedFileWriter
            .WriteAsync(context.Request.Body, store.FullPathOf(path), headerMd5, context.RequestAborted)
            .ConfigureAwait(false);
        switch (outcome)
        {
            case VerifiedFileWriter.Outcome.Md5Mismatch:
                await ErrorAsync(context, StatusCodes.Status400BadRequest,
                    $"{ContentMd5Header} mismatch: the body received has MD5 {Convert.ToBase64String(bodyMd5)} but the header says {header}; nothing was stored, upload the file again.").ConfigureAwait(false);
                return;
            case VerifiedFileWriter.Outcome.Conflict:
                await ErrorAsync(context, StatusCodes.Status409Conflict,
                    $"'{path}' already holds other content, and stored objects are never replaced; nothing was changed: upload under another filename or filename_root.").ConfigureAwait(false);
                return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(bodyMd5)}\"";
    }

    private static async Task GetAsync(HttpContext context, DevboxObjectStore store, SignedUrls urls)
    {
        if (await ReadAuthorizedPathAsync(context, urls, StorageOperation.Get).ConfigureAwait(false) is not { } path)
        {
            return;
        }

        var fullPath = store.FullPathOf(path);
        FileStream file;
        try
        {
            file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
            || (e is UnauthorizedAccessException && Directory.Exists(fullPath)))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"No object at '{path}'.").ConfigureAwait(false);
            return;
        }
        await using (file.ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = file.Length;
            await file.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The request's object path if it is valid and the URL's signature allows <paramref name="operation"/> on it; otherwise null, with the error answered.</summary>
    private static async Task<string?> ReadAuthorizedPathAsync(HttpContext context, SignedUrls urls, StorageOperation operation)
    {
        var path = context.Request.RouteValues[PathRouteValue] as string;
        if (ObjectPath.Problem(path) is { } problem)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid object path '{path}': {problem}.").ConfigureAwait(false);
            return null;
        }

        var query = context.Request.Query;
        var check = query[SignedUrls.OperationParameter] == SignedUrls.OperationName(operation)
            ? urls.Check(operation, path!, query[SignedUrls.ExpiresParameter], query[SignedUrls.Md5Parameter], query[SignedUrls.SignatureParameter])
            : SignatureCheck.Invalid;
        switch (check)
        {
            case SignatureCheck.Valid:
                return path;
            case SignatureCheck.Expired:
                await ErrorAsync(context, StatusCodes.Status403Forbidden,
                    "This signed URL has expired; ask the devbox for a new one.").ConfigureAwait(false);
                return null;
            default:
                await ErrorAsync(context, StatusCodes.Status403Forbidden,
                    $"This URL's signature is not valid for {context.Request.Method} of '{path}'; use the URL exactly as the devbox returned it.").ConfigureAwait(false);
                return null;
        }
    }

    private static byte[]? Md5FromBase64(string? base64)
    {
        var md5 = new byte[MD5.HashSizeInBytes];
        return base64 is not null && Convert.TryFromBase64String(base64, md5, out int written) && written == md5.Length ? md5 : null;
    }

    private static Task ErrorAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
