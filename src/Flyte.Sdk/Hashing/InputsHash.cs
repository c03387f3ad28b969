using System.Buffers;
using System.Text;
using Flyteidl2.Core;
using Google.Protobuf;
using TaskInputs = Flyteidl2.Task.Inputs;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's inputs hash (<c>generate_inputs_hash_from_proto</c>): <see cref="FlyteHash"/> over
/// <c>name ":" repr(literal) ";"</c> for each input, in the order given, which must be declaration order.
/// "" when there are no inputs. <c>Inputs.context</c> plays no part.
/// </summary>
internal static class InputsHash
{
    private const string MsgPackTag = "msgpack";

    // The text hashed for each child call is written to a buffer the thread keeps, so that a fan-out allocates none.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_text;

    public static string Compute(IEnumerable<(string Name, Literal Value)> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var buffer = new ArrayBufferWriter<byte>();
        var any = false;
        foreach (var (name, value) in inputs)
        {
            any = true;
            AppendInput(name, value, buffer);
        }
        return any ? FlyteHash.Of(buffer.WrittenSpan) : "";
    }

    /// <summary>The hash of a literal map's entries in its order, without <paramref name="ignoredNames"/>: the form every
    /// child call has, computed without the enumerables and sets of the general overloads.</summary>
    public static string ComputeFiltered(LiteralMap inputs, IReadOnlyCollection<string> ignoredNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(ignoredNames);
        var buffer = t_text ?? new ArrayBufferWriter<byte>(256);
        t_text = null;
        try
        {
            var any = false;
            foreach (var (name, value) in inputs.Literals)
            {
                if (ignoredNames.Count > 0 && ignoredNames.Contains(name))
                {
                    continue;
                }
                any = true;
                AppendInput(name, value, buffer);
            }
            return any ? FlyteHash.Of(buffer.WrittenSpan) : "";
        }
        finally
        {
            // A buffer grown by a large input is left to the collector rather than kept for good.
            if (buffer.Capacity <= 64 * 1024)
            {
                buffer.ResetWrittenCount();
                t_text = buffer;
            }
        }
    }

    public static string Compute(TaskInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Compute(Named(inputs));
    }

    /// <summary>The hash without the named inputs (<c>generate_filtered_inputs_hash</c>, for cache-ignored inputs).</summary>
    public static string ComputeFiltered(IEnumerable<(string Name, Literal Value)> inputs, IEnumerable<string> ignoredNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(ignoredNames);
        var ignored = new HashSet<string>(ignoredNames, StringComparer.Ordinal);
        return Compute(inputs.Where(input => !ignored.Contains(input.Name)));
    }

    public static string ComputeFiltered(TaskInputs inputs, IEnumerable<string> ignoredNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return ComputeFiltered(Named(inputs), ignoredNames);
    }

    /// <summary>flyte-sdk's <c>generate_inputs_repr_for_literal</c>.</summary>
    internal static byte[] Repr(Literal literal)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AppendRepr(literal, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void AppendInput(string name, Literal? value, ArrayBufferWriter<byte> buffer)
    {
        int length = Encoding.UTF8.GetBytes(name, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(name.Length)));
        buffer.Advance(length);
        buffer.Write(":"u8);
        AppendRepr(value ?? new Literal(), buffer);
        buffer.Write(";"u8);
    }

    private static void AppendRepr(Literal literal, ArrayBufferWriter<byte> buffer)
    {
        // A literal that carries its own hash (a file, say) stands for its content by that hash, at any depth.
        if (literal.Hash.Length > 0)
        {
            buffer.Write(Encoding.UTF8.GetBytes(literal.Hash));
            return;
        }

        switch (literal.ValueCase)
        {
            case Literal.ValueOneofCase.Collection:
                foreach (var item in literal.Collection.Literals)
                {
                    AppendRepr(item, buffer);
                }
                break;
            case Literal.ValueOneofCase.Map:
                foreach (var key in literal.Map.Literals.Keys.Order(CodePointOrder.Instance))
                {
                    buffer.Write(Encoding.UTF8.GetBytes(key));
                    AppendRepr(literal.Map.Literals[key], buffer);
                }
                break;
            case Literal.ValueOneofCase.Scalar when literal.Scalar.ValueCase == Scalar.ValueOneofCase.Binary
                                                   && literal.Scalar.Binary.Tag == MsgPackTag:
                buffer.Write(DeterministicBytes.Of(WithCanonicalMsgPack(literal)));
                break;
            case Literal.ValueOneofCase.Scalar when literal.Scalar.ValueCase == Scalar.ValueOneofCase.Primitive
                                                   && literal.Metadata.Count == 0:
                // A primitive holds no map, so its deterministic bytes are its plain ones, written in place.
                WriteMessage(literal, buffer);
                break;
            default:
                buffer.Write(DeterministicBytes.Of(literal));
                break;
        }
    }

    private static void WriteMessage(IMessage message, ArrayBufferWriter<byte> buffer)
    {
        int size = message.CalculateSize();
        message.WriteTo(buffer.GetSpan(size)[..size]);
        buffer.Advance(size);
    }

    // The same record built with its fields in another order must hash the same.
    private static Literal WithCanonicalMsgPack(Literal literal)
    {
        var original = literal.Scalar.Binary.Value.Span;
        var canonical = MsgPackCanonical.Canonicalize(original);
        if (original.SequenceEqual(canonical))
        {
            return literal;
        }
        var copy = literal.Clone();
        copy.Scalar.Binary.Value = ByteString.CopyFrom(canonical);
        return copy;
    }

    private static IEnumerable<(string Name, Literal Value)> Named(TaskInputs inputs) =>
        inputs.Literals.Select(named => (named.Name, named.Value ?? new Literal()));
}
