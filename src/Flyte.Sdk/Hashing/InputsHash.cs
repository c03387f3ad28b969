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

    public static string Compute(IEnumerable<(string Name, Literal Value)> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var buffer = new ArrayBufferWriter<byte>();
        var any = false;
        foreach (var (name, value) in inputs)
        {
            any = true;
            buffer.Write(Encoding.UTF8.GetBytes(name));
            buffer.Write(":"u8);
            AppendRepr(value ?? new Literal(), buffer);
            buffer.Write(";"u8);
        }
        return any ? FlyteHash.Of(buffer.WrittenSpan) : "";
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
            default:
                buffer.Write(DeterministicBytes.Of(literal));
                break;
        }
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
