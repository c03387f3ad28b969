namespace Flyte;

/// <summary>
/// A file in object storage (or on local disk), passed between tasks by reference as a Flyte
/// Blob literal (single). <see cref="Uri"/> is <c>s3://…</c>, <c>gs://…</c>, <c>file://…</c> or a local path.
/// </summary>
public sealed record FlyteFile(string Uri, string Format = "")
{
    /// <inheritdoc />
    public override string ToString() => Uri;
}
