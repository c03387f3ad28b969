namespace Flyte.Storage;

/// <summary>
/// Objects addressed by URI (<c>file://</c> or a plain path, <c>s3://bucket/key</c>, <c>gs://bucket/key</c>),
/// read and written as streams so that large objects never sit in memory whole.
/// </summary>
public interface IObjectStore : IDisposable
{
    /// <summary>Opens the object for reading; the caller disposes the stream.</summary>
    /// <exception cref="ObjectNotFoundException">No object exists at <paramref name="uri"/>.</exception>
    Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken = default);

    /// <summary>The whole object in memory, for small ones such as inputs.pb and outputs.pb.</summary>
    /// <exception cref="ObjectNotFoundException">No object exists at <paramref name="uri"/>.</exception>
    async Task<byte[]> ReadAllBytesAsync(string uri, CancellationToken cancellationToken = default)
    {
        Stream stream = await OpenReadAsync(uri, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
            return memory.ToArray();
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> from its current position to its end as the object at <paramref name="uri"/>,
    /// replacing any existing object. Readers see either the old object or the whole new one, never a partial write.
    /// </summary>
    Task WriteAsync(string uri, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Whether an object exists at <paramref name="uri"/>.</summary>
    Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; deleting an object that does not exist is not an error.</summary>
    Task DeleteAsync(string uri, CancellationToken cancellationToken = default);

    /// <summary>
    /// The URIs of the objects whose URI starts with <paramref name="prefix"/> (a plain string prefix, as in S3:
    /// <c>…/data/a</c> matches <c>…/data/a.txt</c> and <c>…/data/ab/c</c>), in ordinal order,
    /// written in the same form as <paramref name="prefix"/>.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
