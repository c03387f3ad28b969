using System.Text.Encodings.Web;
using System.Text.Json;
using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The JSON the Connect protocol carries errors and stream ends in: an error is <c>{"code":"not_found","message":"…"}</c>
/// (the message left out when empty; the devbox attaches no details), the end of a stream
/// <c>{"error":{…},"metadata":{"key":["value"]}}</c>, both members left out when there is nothing to say.
/// </summary>
internal static class ConnectErrorJson
{
    // The JSON is read by RPC clients, never embedded in HTML: no need to escape quotes, '<', '&' or non-ASCII.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Error(Status status)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            WriteError(json, status);
        }
        return buffer.ToArray();
    }

    /// <param name="error">The call's error; null for a call that succeeded.</param>
    public static byte[] EndStream(Status? error, Metadata trailers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            if (error is { } status)
            {
                json.WritePropertyName("error");
                WriteError(json, status);
            }
            if (trailers.Count > 0)
            {
                json.WriteStartObject("metadata");
                foreach (var group in trailers.GroupBy(entry => entry.Key, StringComparer.Ordinal))
                {
                    json.WriteStartArray(group.Key);
                    foreach (var entry in group)
                    {
                        json.WriteStringValue(ConnectMetadata.Text(entry));
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteError(Utf8JsonWriter json, Status status)
    {
        json.WriteStartObject();
        json.WriteString("code", ConnectCodes.Name(status.StatusCode));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            json.WriteString("message", status.Detail);
        }
        json.WriteEndObject();
    }
}
