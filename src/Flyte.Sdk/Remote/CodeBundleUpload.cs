using System.Net.Http.Headers;
using Flyte.Bundles;
using Flyteidl2.Dataproxy;

namespace Flyte.Remote;

/// <summary>
/// Puts a code bundle where the control plane's tasks can fetch it: DataProxyService.CreateUploadLocation, then an
/// HTTP PUT of the file to the signed URL with its Content-MD5. The native URL it returns goes into the task specs.
/// </summary>
public static class CodeBundleUpload
{
    public static async Task<string> UploadAsync(DataProxyService.DataProxyServiceClient dataProxy, HttpClient http, CodeBundleFile bundle,
        RemoteOptions options, CancellationToken cancellationToken = default)
    {
        byte[] md5 = Convert.FromHexString(bundle.Md5Hex);
        var location = await dataProxy.CreateUploadLocationAsync(new CreateUploadLocationRequest
        {
            Org = options.Org,
            Project = options.Project,
            Domain = options.Domain,
            Filename = Path.GetFileName(bundle.Path),
            FilenameRoot = bundle.Md5Hex,
            ContentMd5 = Google.Protobuf.ByteString.CopyFrom(md5),
            ContentLength = new FileInfo(bundle.Path).Length,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        await using var file = File.OpenRead(bundle.Path);
        using var content = new StreamContent(file);
        content.Headers.ContentMD5 = md5;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, location.SignedUrl) { Content = content };
        foreach (var (name, value) in location.Headers)
        {
            if (!name.Equals("Content-MD5", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new FlyteRemoteException($"uploading the code bundle {bundle.Path} failed: HTTP {(int)response.StatusCode} {body.Trim()}");
        }
        return location.NativeUrl;
    }
}
