using System.Net.Http.Headers;
using System.Security.Cryptography;
using Flyteidl2.Dataproxy;
using Google.Protobuf;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>Upload steps as a client takes them: ask for a location, then PUT the bytes to its signed URL.</summary>
internal static class Uploads
{
    public static CreateUploadLocationRequest RequestFor(byte[] content, string filename = "fast0123.tar.gz", string filenameRoot = "") => new()
    {
        Project = "flytesnacks",
        Domain = "development",
        Filename = filename,
        FilenameRoot = filenameRoot,
        ContentMd5 = ByteString.CopyFrom(MD5.HashData(content)),
    };

    public static async Task<CreateUploadLocationResponse> LocationForAsync(StorageServer server, byte[] content, string filename = "fast0123.tar.gz") =>
        await server.DataProxy.CreateUploadLocationAsync(RequestFor(content, filename));

    /// <summary>A PUT of <paramref name="content"/> with the given Content-MD5 header (none when null).</summary>
    public static HttpRequestMessage Put(string signedUrl, byte[] content, string? contentMd5)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, signedUrl) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (contentMd5 is not null)
        {
            // Added unvalidated: a test may send a malformed value on purpose.
            request.Content.Headers.TryAddWithoutValidation("Content-MD5", contentMd5);
        }
        return request;
    }

    /// <summary>A PUT with the headers CreateUploadLocation asked for.</summary>
    public static HttpRequestMessage Put(CreateUploadLocationResponse location, byte[] content) =>
        Put(location.SignedUrl, content, location.Headers["Content-MD5"]);
}
