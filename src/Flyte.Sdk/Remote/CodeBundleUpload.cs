using Flyte.Bundles;
using Flyteidl2.Dataproxy;

namespace Flyte.Remote;

/// <summary>
/// Puts a code bundle where the control plane's tasks can fetch it (<see cref="DataProxyUpload"/>), filed under its MD5.
/// The native URL it returns goes into the task specs.
/// </summary>
internal static class CodeBundleUpload
{
    public static Task<string> UploadAsync(DataProxyService.DataProxyServiceClient dataProxy, HttpClient http, CodeBundleFile bundle,
        RemoteOptions options, CancellationToken cancellationToken = default) =>
        DataProxyUpload.UploadAsync(dataProxy, http, options, ToUpload(bundle), cancellationToken);

    /// <summary>The bundle as an upload: <c>fast&lt;md5&gt;.tar.gz</c> in a folder named by its MD5.</summary>
    public static LocalUpload ToUpload(CodeBundleFile bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new LocalUpload(bundle.Path, Convert.FromHexString(bundle.Md5Hex), new FileInfo(bundle.Path).Length, bundle.FileName, bundle.Md5Hex, "the code bundle");
    }
}
