using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>Names the shape of a literal for error messages: "INTEGER", "collection", "none", …</summary>
internal static class LiteralDescription
{
    public static string Of(Literal? literal)
    {
        if (literal is null)
        {
            return "nothing";
        }
        return literal.ValueCase switch
        {
            Literal.ValueOneofCase.Collection => "a collection",
            Literal.ValueOneofCase.Map => "a map",
            Literal.ValueOneofCase.OffloadedMetadata => "an offloaded literal",
            Literal.ValueOneofCase.Scalar => OfScalar(literal.Scalar),
            _ => "an empty literal",
        };
    }

    private static string OfScalar(Scalar scalar) => scalar.ValueCase switch
    {
        Scalar.ValueOneofCase.Primitive => scalar.Primitive.ValueCase switch
        {
            Primitive.ValueOneofCase.Integer => "an INTEGER",
            Primitive.ValueOneofCase.FloatValue => "a FLOAT",
            Primitive.ValueOneofCase.StringValue => "a STRING",
            Primitive.ValueOneofCase.Boolean => "a BOOLEAN",
            Primitive.ValueOneofCase.Datetime => "a DATETIME",
            Primitive.ValueOneofCase.Duration => "a DURATION",
            _ => "an empty primitive",
        },
        Scalar.ValueOneofCase.NoneType => "none",
        Scalar.ValueOneofCase.Binary => $"a binary ({scalar.Binary.Tag})",
        Scalar.ValueOneofCase.Blob => "a blob",
        Scalar.ValueOneofCase.StructuredDataset => "a structured dataset",
        Scalar.ValueOneofCase.Union => "a union",
        Scalar.ValueOneofCase.Generic => "a generic struct",
        _ => scalar.ValueCase.ToString(),
    };
}
