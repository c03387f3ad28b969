using Microsoft.Net.Http.Headers;

namespace Flyte.Devbox.Connect;

/// <summary>How the messages of a Connect call are encoded: binary protobuf or protobuf's JSON mapping.</summary>
internal enum ConnectCodec
{
    Proto,
    Json,
}

/// <summary>
/// A Connect content type: <c>application/proto</c> and <c>application/json</c> for unary calls,
/// <c>application/connect+proto</c> and <c>application/connect+json</c> for streaming ones. As connect-go, the JSON ones
/// may carry <c>charset=utf-8</c> and nothing else takes a parameter; any other content type is not Connect's.
/// </summary>
internal readonly record struct ConnectContentType(ConnectCodec Codec, bool Streaming)
{
    public const string UnaryProto = "application/proto";
    public const string UnaryJson = "application/json";
    public const string StreamingProto = "application/connect+proto";
    public const string StreamingJson = "application/connect+json";

    /// <summary>The media type the response carries (without the request's charset, which connect-go's and Buf's clients both accept).</summary>
    public string MediaType => (Codec, Streaming) switch
    {
        (ConnectCodec.Proto, false) => UnaryProto,
        (ConnectCodec.Json, false) => UnaryJson,
        (ConnectCodec.Proto, true) => StreamingProto,
        _ => StreamingJson,
    };

    /// <summary>What a 415 answer lists in Accept-Post.</summary>
    public static string Accepted(bool streaming) => streaming ? $"{StreamingProto}, {StreamingJson}" : $"{UnaryProto}, {UnaryJson}";

    /// <summary>The Connect content type <paramref name="contentType"/> names; null for any other (gRPC's among them).</summary>
    public static ConnectContentType? Parse(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return null;
        }
        ConnectContentType? known = parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            UnaryProto => new ConnectContentType(ConnectCodec.Proto, Streaming: false),
            UnaryJson => new ConnectContentType(ConnectCodec.Json, Streaming: false),
            StreamingProto => new ConnectContentType(ConnectCodec.Proto, Streaming: true),
            StreamingJson => new ConnectContentType(ConnectCodec.Json, Streaming: true),
            _ => null,
        };
        if (known is not { } type || parsed.Parameters.Count == 0)
        {
            return known;
        }
        bool utf8Charset = parsed.Parameters.Count == 1
            && parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && type.Codec == ConnectCodec.Json;
        return utf8Charset ? type : null;
    }
}
