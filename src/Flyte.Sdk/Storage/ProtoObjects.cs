using Google.Protobuf;

namespace Flyte.Storage;

/// <summary>Protobuf files in object storage (inputs.pb, outputs.pb, error.pb), addressed by URI.</summary>
public static class ProtoObjects
{
    /// <summary><paramref name="prefix"/>/<paramref name="name"/>, with exactly one slash between them.</summary>
    public static string Join(string prefix, string name) => prefix.TrimEnd('/') + "/" + name;

    /// <param name="options">How to reach S3 for <c>s3://</c> and <c>gs://</c> URIs; null for the usual AWS variables.</param>
    public static async Task<T> ReadAsync<T>(string uri, MessageParser<T> parser, CancellationToken cancellationToken = default, S3StoreOptions? options = null)
        where T : IMessage<T>
    {
        using var store = ObjectStores.For(uri, options);
        await using var stream = await store.OpenReadAsync(uri, cancellationToken).ConfigureAwait(false);
        return parser.ParseFrom(stream);
    }

    /// <param name="options">How to reach S3 for <c>s3://</c> and <c>gs://</c> URIs; null for the usual AWS variables.</param>
    public static async Task WriteAsync(string uri, IMessage message, CancellationToken cancellationToken = default, S3StoreOptions? options = null)
    {
        using var store = ObjectStores.For(uri, options);
        using var content = new MemoryStream(message.ToByteArray());
        await store.WriteAsync(uri, content, cancellationToken).ConfigureAwait(false);
    }
}
