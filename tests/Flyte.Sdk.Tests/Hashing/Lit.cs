using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Sdk.Tests.Hashing;

/// <summary>Literals built straight from the schema, so the hashing tests depend on nothing but the messages.</summary>
internal static class Lit
{
    public static Literal Int(long value) => new() { Scalar = new Scalar { Primitive = new Primitive { Integer = value } } };

    public static Literal Str(string value) => new() { Scalar = new Scalar { Primitive = new Primitive { StringValue = value } } };

    public static Literal Binary(string hex, string tag) =>
        new() { Scalar = new Scalar { Binary = new Binary { Value = ByteString.CopyFrom(Convert.FromHexString(hex)), Tag = tag } } };

    public static Literal List(params Literal[] items) => new() { Collection = new LiteralCollection { Literals = { items } } };

    /// <summary>Entries are inserted in the order given.</summary>
    public static Literal Map(params (string Key, Literal Value)[] entries)
    {
        var map = new LiteralMap();
        foreach (var (key, value) in entries)
        {
            map.Literals.Add(key, value);
        }
        return new Literal { Map = map };
    }

    public static Literal WithHash(this Literal literal, string hash)
    {
        literal.Hash = hash;
        return literal;
    }

    public static Literal WithMetadata(this Literal literal, params (string Key, string Value)[] entries)
    {
        foreach (var (key, value) in entries)
        {
            literal.Metadata.Add(key, value);
        }
        return literal;
    }
}
