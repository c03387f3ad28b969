using Flyte.Devbox.State;
using Flyte.Storage;
using Google.Protobuf;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Where the devbox keeps run data (code bundles, inputs, outputs) and how clients and a0 reach it: the data folder,
/// with URLs that the devbox signs and serves itself (<see cref="FolderStorage"/>), or an S3 bucket, with presigned S3
/// URLs (<see cref="S3BucketStorage"/>). Inside the devbox an object is named by a relative path (see
/// <see cref="ObjectPath"/>); outside it, by its native URL.
/// </summary>
public abstract class DevboxStorage : IDisposable
{
    /// <summary>Where the objects are, for messages: the folder, or <c>s3://bucket/prefix</c>.</summary>
    public abstract string Location { get; }

    /// <summary>What a0 needs in its environment to read and write the objects (nothing for the folder).</summary>
    public abstract IReadOnlyDictionary<string, string> TaskEnvironment { get; }

    /// <summary>The native URL of the object at <paramref name="relativePath"/>.</summary>
    /// <exception cref="ArgumentException">The path is not a valid relative object path.</exception>
    public abstract string NativeUrlOf(string relativePath);

    /// <summary>The relative path of a native URL of this storage; false for any other URL.</summary>
    public abstract bool TryGetRelativePath(string nativeUrl, out string relativePath);

    /// <summary>
    /// The base of every file of a run: <c>…/runs/&lt;project&gt;/&lt;domain&gt;/&lt;run&gt;</c>, or for a run of a named org
    /// <c>…/runs/@&lt;org&gt;/&lt;project&gt;/&lt;domain&gt;/&lt;run&gt;</c>. No valid name holds '@', so no two runs' bases
    /// are the same or one inside the other.
    /// </summary>
    public virtual string RunBase(RunKey run) => NativeUrlOf(RunFolder(run));

    protected static string RunFolder(RunKey run) =>
        run.Org.Length == 0 ? $"runs/{run.Project}/{run.Domain}/{run.Name}" : $"runs/@{run.Org}/{run.Project}/{run.Domain}/{run.Name}";

    /// <summary>The MD5 of the object's content; null when there is no object at <paramref name="relativePath"/>.</summary>
    public abstract Task<byte[]?> Md5OfAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>
    /// A URL that takes an HTTP PUT of the object at <paramref name="relativePath"/> until <paramref name="expiresAt"/>,
    /// sent with a Content-MD5 header equal to <paramref name="contentMd5"/> and a body with that MD5.
    /// </summary>
    public abstract Task<string> UploadUrlAsync(string relativePath, byte[] contentMd5, DateTimeOffset expiresAt);

    /// <summary>A URL that answers an HTTP GET with the object at <paramref name="relativePath"/> until <paramref name="expiresAt"/>.</summary>
    public abstract Task<string> DownloadUrlAsync(string relativePath, DateTimeOffset expiresAt);

    /// <summary>Reads a protobuf object (inputs.pb, outputs.pb, error.pb) at any URL: this storage's, or a file left by an earlier setup.</summary>
    public async Task<T> ReadAsync<T>(string uri, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        using var scoped = ScopedStoreFor(uri, out var store);
        var stream = await store.OpenReadAsync(uri, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return parser.ParseFrom(stream);
        }
    }

    public async Task WriteAsync(string uri, IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var scoped = ScopedStoreFor(uri, out var store);
        using var content = new MemoryStream(message.ToByteArray());
        await store.WriteAsync(uri, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads any object (an uploaded build context, say) at <paramref name="uri"/> into memory.</summary>
    public async Task<byte[]> ReadBytesAsync(string uri, CancellationToken cancellationToken)
    {
        using var scoped = ScopedStoreFor(uri, out var store);
        var stream = await store.OpenReadAsync(uri, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
    }

    public async Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken)
    {
        using var scoped = ScopedStoreFor(uri, out var store);
        return await store.ExistsAsync(uri, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The store this storage keeps for URLs like <paramref name="uri"/>, set up with its own settings; null to pick one by the URL's scheme.</summary>
    protected virtual IObjectStore? OwnStoreFor(string uri) => null;

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The store for <paramref name="uri"/>; what is returned disposes it when it was made for this call only.</summary>
    private IDisposable? ScopedStoreFor(string uri, out IObjectStore store)
    {
        if (OwnStoreFor(uri) is { } own)
        {
            store = own;
            return null;
        }
        store = ObjectStores.For(uri);
        return store;
    }
}
