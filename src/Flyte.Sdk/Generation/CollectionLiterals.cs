using System.ComponentModel;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>Collections (<c>T[]</c>, <c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>) and string-keyed maps.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CollectionLiterals
{
    /// <summary>A collection literal of <paramref name="values"/>, each encoded with <paramref name="encodeElement"/>.</summary>
    public static Literal FromList<T>(IEnumerable<T> values, Func<T, Literal> encodeElement)
    {
        ArgumentNullException.ThrowIfNull(values);
        var collection = new LiteralCollection();
        var literals = collection.Literals;
        if (values is IReadOnlyList<T> list)
        {
            // Indexing avoids a boxed enumerator, and the capacity one resize per doubling.
            literals.Capacity = list.Count;
            for (int i = 0; i < list.Count; i++)
            {
                literals.Add(encodeElement(list[i]));
            }
        }
        else
        {
            foreach (T value in values)
            {
                literals.Add(encodeElement(value));
            }
        }
        return new Literal { Collection = collection };
    }

    /// <summary>The elements of a collection literal, each decoded with <paramref name="decodeElement"/>.</summary>
    public static List<T> ToList<T>(Literal literal, Func<Literal, T> decodeElement)
    {
        var literals = Collection(literal);
        var list = new List<T>(literals.Count);
        // One handler for the whole loop, not one per element: it only adds the failing element's index.
        int i = 0;
        try
        {
            for (; i < literals.Count; i++)
            {
                list.Add(decodeElement(literals[i]));
            }
        }
        catch (LiteralConversionException e)
        {
            throw AtIndex(e, i);
        }
        return list;
    }

    /// <summary>The elements of a collection literal as an array, each decoded with <paramref name="decodeElement"/>.</summary>
    public static T[] ToArray<T>(Literal literal, Func<Literal, T> decodeElement)
    {
        var literals = Collection(literal);
        var array = new T[literals.Count];
        int i = 0;
        try
        {
            for (; i < array.Length; i++)
            {
                array[i] = decodeElement(literals[i]);
            }
        }
        catch (LiteralConversionException e)
        {
            throw AtIndex(e, i);
        }
        return array;
    }

    /// <summary>A map literal of <paramref name="entries"/>, each value encoded with <paramref name="encodeValue"/>.</summary>
    public static Literal FromMap<T>(IEnumerable<KeyValuePair<string, T>> entries, Func<T, Literal> encodeValue)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new LiteralMap();
        foreach (var (key, value) in entries)
        {
            map.Literals.Add(key, encodeValue(value));
        }
        return new Literal { Map = map };
    }

    /// <summary>The entries of a map literal, each value decoded with <paramref name="decodeValue"/>.</summary>
    public static Dictionary<string, T> ToDictionary<T>(Literal literal, Func<Literal, T> decodeValue)
    {
        if (literal.ValueCase != Literal.ValueOneofCase.Map)
        {
            throw new LiteralConversionException($"expected a map literal, got {LiteralDescription.Of(literal)}");
        }
        var dictionary = new Dictionary<string, T>(literal.Map.Literals.Count, StringComparer.Ordinal);
        foreach (var (key, value) in literal.Map.Literals)
        {
            dictionary.Add(key, DecodeElement(value, decodeValue, key));
        }
        return dictionary;
    }

    private static Google.Protobuf.Collections.RepeatedField<Literal> Collection(Literal literal) =>
        literal.ValueCase == Literal.ValueOneofCase.Collection
            ? literal.Collection.Literals
            : throw new LiteralConversionException($"expected a collection literal, got {LiteralDescription.Of(literal)}");

    private static LiteralConversionException AtIndex(LiteralConversionException e, int index) =>
        new($"[{index}]: {e.Message}", e);

    private static T DecodeElement<T>(Literal literal, Func<Literal, T> decode, string key)
    {
        try
        {
            return decode(literal);
        }
        catch (LiteralConversionException e)
        {
            throw new LiteralConversionException($"[\"{key}\"]: {e.Message}", e);
        }
    }
}
