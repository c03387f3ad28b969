using Flyteidl2.Core;

namespace Flyte.Cli.Run;

/// <summary>
/// A file or folder input: a URI (<c>s3://…</c>, <c>file://…</c>) passes as given; a local path must
/// exist and becomes absolute, so the task finds it whatever its working directory.
/// </summary>
internal static class LocalPath
{
    public static string Resolve(string text, BlobType.Types.BlobDimensionality dimensionality)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Length == 0)
        {
            return text;
        }
        string path = Path.GetFullPath(text);
        bool isDirectory = dimensionality == BlobType.Types.BlobDimensionality.Multipart;
        if (isDirectory ? !Directory.Exists(path) : !File.Exists(path))
        {
            throw new LiteralConversionException($"expected {(isDirectory ? "a directory" : "a file")} path or URI, got \"{text}\" (no such {(isDirectory ? "directory" : "file")})");
        }
        return path;
    }

    /// <summary>A table (DataFrame): a URI as given, else a local folder of Parquet files or one Parquet file, made absolute.</summary>
    public static string ResolveTable(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Length == 0)
        {
            return text;
        }
        string path = Path.GetFullPath(text);
        return Directory.Exists(path) || File.Exists(path)
            ? path
            : throw new LiteralConversionException($"expected a table's folder path or URI, got \"{text}\" (no such folder or file)");
    }
}
