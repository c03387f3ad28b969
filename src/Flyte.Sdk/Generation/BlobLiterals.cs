using System.ComponentModel;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>FlyteFile and FlyteDirectory as Blob literals: a URI plus single or multipart dimensionality.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BlobLiterals
{
    /// <summary>The literal type of a <see cref="FlyteFile"/>: a single-part blob.</summary>
    public static LiteralType FileType => LiteralTypes.Blob("", BlobType.Types.BlobDimensionality.Single);
    /// <summary>The literal type of a <see cref="FlyteDirectory"/>: a multipart blob.</summary>
    public static LiteralType DirectoryType => LiteralTypes.Blob("", BlobType.Types.BlobDimensionality.Multipart);

    /// <summary><paramref name="file"/> as a single-part blob literal.</summary>
    public static Literal FromFile(FlyteFile file) => Blob(file.Uri, file.Format, BlobType.Types.BlobDimensionality.Single);
    /// <summary><paramref name="directory"/> as a multipart blob literal.</summary>
    public static Literal FromDirectory(FlyteDirectory directory) => Blob(directory.Uri, directory.Format, BlobType.Types.BlobDimensionality.Multipart);

    /// <summary>The file a blob literal names.</summary>
    public static FlyteFile ToFile(Literal literal)
    {
        var blob = Expect(literal, BlobType.Types.BlobDimensionality.Single, "file");
        return new FlyteFile(blob.Uri, blob.Metadata?.Type?.Format ?? "");
    }

    /// <summary>The directory a blob literal names.</summary>
    public static FlyteDirectory ToDirectory(Literal literal)
    {
        var blob = Expect(literal, BlobType.Types.BlobDimensionality.Multipart, "directory");
        return new FlyteDirectory(blob.Uri, blob.Metadata?.Type?.Format ?? "");
    }

    private static Literal Blob(string uri, string format, BlobType.Types.BlobDimensionality dimensionality) => new()
    {
        Scalar = new Scalar
        {
            Blob = new Blob
            {
                Uri = uri,
                Metadata = new BlobMetadata { Type = new BlobType { Format = format, Dimensionality = dimensionality } },
            },
        },
    };

    private static Blob Expect(Literal literal, BlobType.Types.BlobDimensionality dimensionality, string what)
    {
        var blob = literal.Scalar?.Blob ?? throw new LiteralConversionException($"expected a blob literal ({what}), got {LiteralDescription.Of(literal)}");
        var actual = blob.Metadata?.Type?.Dimensionality ?? BlobType.Types.BlobDimensionality.Single;
        return actual == dimensionality
            ? blob
            : throw new LiteralConversionException($"expected a {what} blob, got a {(actual == BlobType.Types.BlobDimensionality.Single ? "file" : "directory")}");
    }
}
