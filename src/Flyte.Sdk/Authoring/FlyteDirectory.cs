namespace Flyte;

/// <summary>A folder in object storage (or on local disk), passed as a Flyte Blob literal (multipart).</summary>
public sealed record FlyteDirectory(string Uri, string Format = "")
{
    /// <inheritdoc />
    public override string ToString() => Uri;
}
