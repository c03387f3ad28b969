using System.Text;
using Flyte.Devbox.Services;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Reads and writes the messages of Connect calls: binary protobuf through the method's own gRPC marshallers, JSON by
/// protobuf's JSON mapping (Google.Protobuf's JsonParser and JsonFormatter) with the descriptors of the devbox's
/// services, whose files and their imports resolve <c>google.protobuf.Any</c>. As connect-go's JSON codec, the parser
/// ignores unknown fields and the formatter leaves out fields at their defaults.
/// </summary>
internal sealed class ConnectMessages(TypeRegistry registry)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly JsonParser _parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithTypeRegistry(registry));
    private readonly JsonFormatter _formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(registry));

    /// <summary>The request message; a body that is not one fails as the devbox's gRPC endpoints fail it.</summary>
    /// <exception cref="RpcException">invalid_argument naming the message type.</exception>
    public TRequest Parse<TRequest>(ConnectCodec codec, byte[] data, Marshaller<TRequest> marshaller, MessageDescriptor descriptor)
    {
        try
        {
            return codec == ConnectCodec.Proto
                ? ConnectMarshalling.Deserialize(marshaller, data)
                : (TRequest)_parser.Parse(StrictUtf8.GetString(data), descriptor);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or DecoderFallbackException)
        {
            throw ParsedRequests.Unparsable(descriptor, e);
        }
    }

    public byte[] Serialize<TResponse>(ConnectCodec codec, TResponse message, Marshaller<TResponse> marshaller) =>
        codec == ConnectCodec.Proto
            ? ConnectMarshalling.Serialize(marshaller, message)
            : Encoding.UTF8.GetBytes(_formatter.Format((IMessage)message!));
}
