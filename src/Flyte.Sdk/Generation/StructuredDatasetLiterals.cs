using System.ComponentModel;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary><see cref="DataFrame"/> as a StructuredDataset literal, as flyte-sdk's DataFrame transformer writes and reads it.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StructuredDatasetLiterals
{
    /// <summary>The tag flyte-sdk gives a DataFrame variant of a union: the name of its transformer.</summary>
    public const string TransformerName = "DataFrame Transformer";

    /// <summary>The literal type of a plain <see cref="DataFrame"/>: a structured dataset of no declared columns and no format.</summary>
    public static LiteralType Type => new() { StructuredDatasetType = new StructuredDatasetType() };

    /// <summary>
    /// <paramref name="frame"/> as a literal. A table that came in as a literal goes out with that literal's columns and
    /// external schema (flyte-sdk returns an input's literal unchanged); any other gets the declared type's (none), with its
    /// own format, as flyte-sdk writes a DataFrame made from a URI.
    /// </summary>
    public static Literal From(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var type = frame.Received?.Clone() ?? new StructuredDatasetType();
        type.Format = frame.Format;
        return new Literal
        {
            Scalar = new Scalar
            {
                StructuredDataset = new StructuredDataset
                {
                    Uri = frame.Uri,
                    Metadata = new StructuredDatasetMetadata { StructuredDatasetType = type },
                },
            },
            Hash = frame.Hash ?? "",
        };
    }

    /// <summary>The table a structured dataset literal names.</summary>
    public static DataFrame To(Literal literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var dataset = literal.Scalar?.StructuredDataset
            ?? throw new LiteralConversionException($"expected a structured dataset literal (DataFrame), got {LiteralDescription.Of(literal)}");
        var type = dataset.Metadata?.StructuredDatasetType ?? new StructuredDatasetType();
        return new DataFrame(dataset.Uri, type.Format)
        {
            Hash = literal.Hash.Length > 0 ? literal.Hash : null,
            Received = type.Clone(),
        };
    }
}
