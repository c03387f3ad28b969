using Google.Protobuf;

namespace Flyte.Storage;

/// <summary>Protobuf files in object storage (inputs.pb, outputs.pb, error.pb), addressed by URI.</summary>
internal static class ProtoObjects
{
    /// <summary><paramref name="prefix"/>/<paramref name="name"/>, with exactly one slash between them.</summary>
    public static string Join(string prefix, string name) => prefix.TrimEnd('/') + "/" + name;

    /// <param name="options">How to reach S3 for <c>s3://</c> and <c>gs://</c> URIs; null for the usual AWS variables.</param>
    public static async Task<T> ReadAsync<T>(string uri, MessageParser<T> parser, CancellationToken cancellationToken = default, S3StoreOptions? options = null)
        where T : IMessage<T>
    {
        using var store = ObjectStores.For(uri, options);
        // Whole, then parsed from a span: these messages are small, and the byte[] overload would set up a
        // CodedInputStream first.
        byte[] bytes = await store.ReadAllBytesAsync(uri, cancellationToken).ConfigureAwait(false);
        return parser.ParseFrom(new ReadOnlySpan<byte>(bytes));
    }

    /// <param name="options">How to reach S3 for <c>s3://</c> and <c>gs://</c> URIs; null for the usual AWS variables.</param>
    public static Task WriteAsync(string uri, IMessage message, CancellationToken cancellationToken = default, S3StoreOptions? options = null) =>
        WriteAsync(uri, ToBytes(message), cancellationToken, options);

    /// <summary>Writes a message already serialized (<see cref="ToBytes"/>).</summary>
    /// <param name="options">How to reach S3 for <c>s3://</c> and <c>gs://</c> URIs; null for the usual AWS variables.</param>
    public static async Task WriteAsync(string uri, byte[] content, CancellationToken cancellationToken = default, S3StoreOptions? options = null)
    {
        using var store = ObjectStores.For(uri, options);
        // A stream over the array itself, which a store may write from directly.
        using var stream = new MemoryStream(content, 0, content.Length, writable: false, publiclyVisible: true);
        await store.WriteAsync(uri, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message's bytes.</summary>
    public static byte[] ToBytes(IMessage message)
    {
        // Written to a span: ToByteArray sets up a CodedOutputStream first, more of protobuf for a0 to load at every start.
        byte[] bytes = new byte[message.CalculateSize()];
        message.WriteTo(new Span<byte>(bytes));
        return bytes;
    }
}
