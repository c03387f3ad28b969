using System.Security.Cryptography;
using Flyte.Devbox.State;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Run data in a folder of the data folder (the default): <c>file://</c> native URLs that a0 reads directly, and
/// upload and download URLs that the devbox signs (<see cref="SignedUrls"/>) and serves (<see cref="StorageEndpoints"/>).
/// </summary>
public sealed class FolderStorage(DevboxObjectStore store, SignedUrls urls) : DevboxStorage
{
    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    public DevboxObjectStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    public SignedUrls Urls { get; } = urls ?? throw new ArgumentNullException(nameof(urls));

    public override string Location => Store.Root;

    public override IReadOnlyDictionary<string, string> TaskEnvironment => NoVariables;

    public override string NativeUrlOf(string relativePath) => Store.NativeUrlOf(relativePath);

    public override bool TryGetRelativePath(string nativeUrl, out string relativePath) => Store.TryGetRelativePath(nativeUrl, out relativePath);

    // As the devbox has always written it, so that runs recorded before keep their layout.
    public override string RunBase(RunKey run) =>
        new Uri(Path.Combine(Store.Root, RunFolder(run))).AbsoluteUri;

    public override async Task<byte[]?> Md5OfAsync(string relativePath, CancellationToken cancellationToken)
    {
        if (!Store.Exists(relativePath))
        {
            return null;
        }
        var file = new FileStream(Store.FullPathOf(relativePath), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            return await MD5.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<string> UploadUrlAsync(string relativePath, byte[] contentMd5, DateTimeOffset expiresAt) =>
        Task.FromResult(Urls.ForUpload(relativePath, contentMd5, expiresAt));

    public override Task<string> DownloadUrlAsync(string relativePath, DateTimeOffset expiresAt) =>
        Task.FromResult(Urls.ForDownload(relativePath, expiresAt));
}
