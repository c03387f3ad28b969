using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// gRPC metadata as Connect carries it in HTTP headers: keys ending in <c>-bin</c> hold base64 (unpadded when written,
/// either way when read), the others printable ASCII. Trailers of a unary call are headers prefixed <c>trailer-</c>.
/// </summary>
internal static class ConnectMetadata
{
    public const string UnaryTrailerPrefix = "trailer-";

    // What the protocol itself uses; Grpc.AspNetCore leaves its own protocol's headers out of RequestHeaders likewise.
    private static readonly HashSet<string> ProtocolHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "content-encoding", "accept-encoding", "host", "te", "connection", "transfer-encoding",
    };

    /// <summary>The request's headers as the call's metadata, less the protocol's own and any that metadata cannot hold.</summary>
    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(':') || ProtocolHeaders.Contains(name) || name.StartsWith("connect-", StringComparison.OrdinalIgnoreCase) || !IsValidKey(name))
            {
                continue;
            }
            foreach (string? value in values)
            {
                if (value is null)
                {
                    continue;
                }
                if (name.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    if (Base64(value) is { } bytes)
                    {
                        metadata.Add(name, bytes);
                    }
                }
                else
                {
                    metadata.Add(name, value);
                }
            }
        }
        return metadata;
    }

    /// <summary>Adds each entry to <paramref name="headers"/> under its key with <paramref name="prefix"/> before it.</summary>
    public static void AddTo(IHeaderDictionary headers, Metadata metadata, string prefix = "")
    {
        foreach (var entry in metadata)
        {
            headers.Append(prefix + entry.Key, Text(entry));
        }
    }

    /// <summary>The entry's value as a header holds it.</summary>
    public static string Text(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Metadata keys are lowercase ASCII letters, digits, '-', '_' and '.' (header names are matched case-insensitively).</summary>
    private static bool IsValidKey(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static byte[]? Base64(string value)
    {
        string padded = value.TrimEnd('=');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
