using Flyteidl2.Dataproxy;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Remote;

/// <summary>
/// Puts a local file where the control plane's tasks can read it, as flyte-sdk does: DataProxyService.CreateUploadLocation
/// (project, domain, filename, filename_root, content_md5, expires_in), then an HTTP PUT of the file to the signed URL with
/// its Content-MD5 and the headers the control plane asked for, retried after a dropped connection, 408, 429 or 5xx
/// (<see cref="SignedUrlUpload"/>). The location depends on the content's MD5 (and the
/// names), so the same content always lands on the same object.
/// </summary>
internal static class DataProxyUpload
{
    /// <summary>The signed URL is used at once; flyte-sdk asks for the same lifetime.</summary>
    private static readonly TimeSpan UrlLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Uploads <paramref name="upload"/> and returns its native URL (<c>s3://…</c>, or <c>file://…</c> on a devbox).</summary>
    /// <exception cref="FlyteRemoteException">The PUT was refused or could not be sent.</exception>
    public static async Task<string> UploadAsync(DataProxyService.DataProxyServiceClient dataProxy, HttpClient http, RemoteOptions options, LocalUpload upload,
        CancellationToken cancellationToken = default)
    {
        var location = await LocateAsync(dataProxy, options, upload, cancellationToken).ConfigureAwait(false);
        await PutAsync(http, location, upload, cancellationToken).ConfigureAwait(false);
        return location.NativeUrl;
    }

    /// <summary>Asks where <paramref name="upload"/> goes (CreateUploadLocation) without sending it.</summary>
    public static async Task<CreateUploadLocationResponse> LocateAsync(DataProxyService.DataProxyServiceClient dataProxy, RemoteOptions options, LocalUpload upload,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataProxy);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(upload);
        return await dataProxy.CreateUploadLocationAsync(new CreateUploadLocationRequest
        {
            Org = options.Org,
            Project = options.Project,
            Domain = options.Domain,
            Filename = upload.Filename,
            FilenameRoot = upload.FilenameRoot,
            ContentMd5 = Google.Protobuf.ByteString.CopyFrom(upload.ContentMd5),
            ContentLength = upload.ContentLength,
            ExpiresIn = Duration.FromTimeSpan(UrlLifetime),
            // A real control plane then compares a re-upload's MD5 with the stored one instead of refusing it as existing.
            AddContentMd5Metadata = true,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static Task PutAsync(HttpClient http, CreateUploadLocationResponse location, LocalUpload upload, CancellationToken cancellationToken) =>
        SignedUrlUpload.PutAsync(http, location, upload, SignedUrlRetry.Default, cancellationToken);
}
