using System.Buffers;
using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>
/// A message's bytes through a gRPC method's own marshallers. The generated marshallers are contextual and write and
/// read protobuf through buffers, which the legacy byte-array adapters of <see cref="Marshaller{T}"/> do not offer;
/// these contexts do, over one array.
/// </summary>
internal static class ConnectMarshalling
{
    public static T Deserialize<T>(Marshaller<T> marshaller, byte[] payload) => marshaller.ContextualDeserializer(new ArrayDeserializationContext(payload));

    public static byte[] Serialize<T>(Marshaller<T> marshaller, T message)
    {
        var context = new ArraySerializationContext();
        marshaller.ContextualSerializer(message, context);
        return context.Payload;
    }

    private sealed class ArrayDeserializationContext(byte[] payload) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
    }

    private sealed class ArraySerializationContext : SerializationContext
    {
        private ArrayBufferWriter<byte>? _writer;
        private byte[]? _completed;

        public byte[] Payload => _completed ?? _writer?.WrittenSpan.ToArray() ?? [];

        public override void Complete(byte[] payload) => _completed = payload;

        public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override void Complete()
        {
        }
    }
}
