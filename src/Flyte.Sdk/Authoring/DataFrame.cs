using System.Runtime.CompilerServices;
using Apache.Arrow;
using Flyte.DataFrames;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte;

/// <summary>
/// A table in object storage, passed between tasks by reference as a Flyte StructuredDataset literal, as flyte-sdk's
/// <c>flyte.io.DataFrame</c>: <see cref="Uri"/> names a folder of Parquet files (or one Parquet file). A task writes
/// one with <see cref="WriteAsync(RecordBatch, ITaskContext, CancellationToken)"/> and reads one with
/// <see cref="ReadAllAsync"/> or <see cref="ReadBatchesAsync"/>, as Apache Arrow record batches (docs/dataframes.md).
/// </summary>
/// <param name="Uri">The folder (<c>s3://…</c>, <c>gs://…</c>, <c>abfs://…</c>, <c>file://…</c> or a local path).</param>
/// <param name="Format">How the data is stored: <see cref="Parquet"/>, or "" when the writer did not say (read as Parquet).</param>
public sealed record DataFrame(string Uri, string Format = DataFrame.Parquet)
{
    /// <summary>The storage format this SDK reads and writes, flyte-sdk's default.</summary>
    public const string Parquet = "parquet";

    /// <summary>
    /// A hash that stands for the table's content in cache keys and inputs hashes, in place of the literal's bytes (flyte-sdk's
    /// <c>hash_method</c>); null to let the URI count. It travels with the literal and comes back when the table is passed on.
    /// </summary>
    public string? Hash { get; init; }

    /// <summary>
    /// The columns the literal names, as a flyte-sdk task with annotated columns writes them; empty when the writer named none
    /// (a C# task, or a plain <c>flyte.io.DataFrame</c>). When any are named, reading returns those columns only, as
    /// flyte-sdk's readers do.
    /// </summary>
    public IReadOnlyList<DataFrameColumn> Columns => Received is { } type ? DataFrameColumn.Of(type) : [];

    /// <summary>The structured dataset type of the literal this table came in, passed on unchanged when the table is returned.</summary>
    internal StructuredDatasetType? Received { get; init; }

    /// <summary>
    /// Writes <paramref name="batch"/> as a new table under the attempt's raw data prefix:
    /// <c>&lt;prefix&gt;/&lt;32 hex digits&gt;/00000</c>, one Parquet file, Snappy-compressed, as flyte-sdk writes a pandas or
    /// Arrow table.
    /// </summary>
    /// <exception cref="NotSupportedException">A column has a type this SDK does not write (docs/dataframes.md lists those it does).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "One batch or several, each with the token optional as everywhere else; the overloads differ in their first parameter's type.")]
    public static Task<DataFrame> WriteAsync(RecordBatch batch, ITaskContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return WriteAsync([batch], context, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="batches"/>, which share one schema, as a new table under the attempt's raw data prefix, one
    /// row group per batch (see <see cref="WriteAsync(RecordBatch, ITaskContext, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The context has no raw data prefix (a direct call outside a Flyte run).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "One batch or several, each with the token optional as everywhere else; the overloads differ in their first parameter's type.")]
    public static Task<DataFrame> WriteAsync(IEnumerable<RecordBatch> batches, ITaskContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.RawDataPrefix))
        {
            throw new InvalidOperationException(
                "This task context has no raw data prefix (a direct call outside a Flyte run): write the table to a folder of your choice with DataFrame.WriteToAsync.");
        }
        return WriteToAsync(ParquetFolder.NewFolderUnder(context.RawDataPrefix), batches, storage: null, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="batches"/>, which share one schema, as the table at <paramref name="folderUri"/>: one Parquet file
    /// named <c>00000</c> in that folder, one row group per batch. For programs and tests; a task writes under its raw data
    /// prefix with <see cref="WriteAsync(IEnumerable{RecordBatch}, ITaskContext, CancellationToken)"/>.
    /// </summary>
    /// <param name="storage">How to reach the object store; null to read the environment as a task does (docs/storage.md).</param>
    /// <exception cref="ArgumentException">There is no batch (an empty table is one batch of length 0), or the schemas differ.</exception>
    public static async Task<DataFrame> WriteToAsync(string folderUri, IEnumerable<RecordBatch> batches, ObjectStoreOptions? storage = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folderUri);
        ArgumentNullException.ThrowIfNull(batches);
        await ParquetFolder.WriteAsync(folderUri, batches.ToList(), storage ?? new ObjectStoreOptions(), cancellationToken).ConfigureAwait(false);
        return new DataFrame(folderUri);
    }

    /// <summary>
    /// The table's rows as record batches: one per row group of each data file, the files in ordinal order of their names.
    /// Files and folders whose names start with <c>_</c> or <c>.</c> (<c>_SUCCESS</c>, <c>.crc</c> files) are skipped, as
    /// pyarrow skips them.
    /// </summary>
    /// <param name="storage">How to reach the object store; null to read the environment as a task does (docs/storage.md).</param>
    /// <exception cref="NotSupportedException">The format is not Parquet, or a column has a type this SDK does not read.</exception>
    /// <exception cref="ObjectNotFoundException">Nothing is stored at <see cref="Uri"/>.</exception>
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync(ObjectStoreOptions? storage = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Format.Length > 0 && !Format.Equals(Parquet, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"The table at {Uri} is stored as '{Format}'; this SDK reads Parquet only.");
        }
        var columns = Columns.Select(column => column.Name).ToList();
        await foreach (var batch in ParquetFolder.ReadAsync(Uri, columns, storage ?? new ObjectStoreOptions(), cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>The whole table in memory: every batch of <see cref="ReadBatchesAsync"/>.</summary>
    /// <param name="storage">How to reach the object store; null to read the environment as a task does (docs/storage.md).</param>
    public async Task<Table> ReadAllAsync(ObjectStoreOptions? storage = null, CancellationToken cancellationToken = default)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in ReadBatchesAsync(storage, cancellationToken).ConfigureAwait(false))
        {
            batches.Add(batch);
        }
        return Table.TableFromRecordBatches(batches[0].Schema, batches);
    }

    /// <summary>Equal when they name the same data the same way: URI, format, hash and columns.</summary>
    public bool Equals(DataFrame? other) =>
        other is not null && Uri == other.Uri && Format == other.Format && Hash == other.Hash && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Uri, Format, Hash);

    /// <inheritdoc />
    public override string ToString() => Uri;
}
