using System.Runtime.CompilerServices;
using Apache.Arrow;
using Flyte.Storage;

namespace Flyte.DataFrames;

/// <summary>
/// A table as flyte-sdk lays it out in object storage: a folder named by a random 32-digit hex under the raw data prefix,
/// holding one Parquet file named <c>00000</c> (no extension). Readers take every file of the folder whose path has no
/// part starting with <c>_</c> or <c>.</c>, in ordinal order, as pyarrow does; a URI naming one file is read as that file.
/// </summary>
internal static class ParquetFolder
{
    /// <summary>The name flyte-sdk gives the file it writes (<c>f"{0:05}"</c>), the only one polars reads.</summary>
    public const string FileName = "00000";

    /// <summary>A new folder under <paramref name="rawDataPrefix"/>, as flyte-sdk's <c>get_random_remote_path</c> names one.</summary>
    public static string NewFolderUnder(string rawDataPrefix) => Join(rawDataPrefix, Guid.NewGuid().ToString("N"));

    public static async Task WriteAsync(string folderUri, IReadOnlyList<RecordBatch> batches, ObjectStoreOptions storage, CancellationToken cancellationToken)
    {
        // Written to a temporary file first: Parquet.Net needs to seek, and a large table should not sit in memory twice.
        var file = TemporaryFile();
        await using (file.ConfigureAwait(false))
        {
            await ArrowToParquet.WriteAsync(file, batches, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            using var store = ObjectStores.For(folderUri, storage);
            await store.WriteAsync(Join(folderUri, FileName), file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="columns">The columns to read; empty for all.</param>
    public static async IAsyncEnumerable<RecordBatch> ReadAsync(string uri, IReadOnlyList<string> columns, ObjectStoreOptions storage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var store = ObjectStores.For(uri, storage);
        var files = await DataFilesAsync(store, uri, cancellationToken).ConfigureAwait(false);
        foreach (string fileUri in files)
        {
            var file = await OpenSeekableAsync(store, fileUri, cancellationToken).ConfigureAwait(false);
            await using (file.ConfigureAwait(false))
            {
                await foreach (var batch in ParquetToArrow.ReadAsync(file, columns, fileUri, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }
            }
        }
    }

    /// <summary>The data files of the table at <paramref name="uri"/>, in ordinal order.</summary>
    /// <exception cref="ObjectNotFoundException">There are none.</exception>
    internal static async Task<IReadOnlyList<string>> DataFilesAsync(IObjectStore store, string uri, CancellationToken cancellationToken)
    {
        string prefix = uri.TrimEnd('/') + "/";
        var files = new List<string>();
        await foreach (string listed in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (IsDataFile(listed[prefix.Length..]))
            {
                files.Add(listed);
            }
        }
        if (files.Count > 0)
        {
            return files;
        }
        // flyte-sdk's DataFrame.from_existing_remote("s3://bucket/data.parquet") names a file, not a folder.
        return await store.ExistsAsync(uri, cancellationToken).ConfigureAwait(false) ? [uri] : throw new ObjectNotFoundException(uri);
    }

    /// <summary>Whether a path inside the folder is data: no part of it starts with <c>_</c> (<c>_SUCCESS</c>, <c>_metadata</c>) or <c>.</c> (<c>.crc</c> files).</summary>
    internal static bool IsDataFile(string relativePath) =>
        relativePath.Length > 0 && relativePath.Split('/').All(part => part.Length > 0 && part[0] is not ('_' or '.'));

    private static async Task<Stream> OpenSeekableAsync(IObjectStore store, string uri, CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(uri, cancellationToken).ConfigureAwait(false);
        if (stream.CanSeek)
        {
            return stream;
        }
        // A download stream (S3, Azure) reads forward only, and a Parquet reader starts at the footer.
        await using (stream.ConfigureAwait(false))
        {
            var copy = TemporaryFile();
            try
            {
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                copy.Position = 0;
                return copy;
            }
            catch
            {
                await copy.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "flyte-dataframe-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    private static string Join(string prefix, string name) => prefix.TrimEnd('/') + "/" + name;
}
