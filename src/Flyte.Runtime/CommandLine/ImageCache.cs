using System.IO.Compression;

namespace Flyte.Runtime.CommandLine;

/// <summary>
/// Decodes <c>--image-cache</c>: base64(gzip(JSON)) of flyte-sdk's ImageCache,
/// <c>{"image_lookup": {"&lt;environment&gt;": "&lt;image uri&gt;"}, …}</c>. Other keys are ignored.
/// </summary>
internal static class ImageCache
{
    private const string LookupProperty = "image_lookup";

    public static bool TryDecode(string transport, out Dictionary<string, string> images, out string error)
    {
        images = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[] json;
        try
        {
            using var compressed = new MemoryStream(Convert.FromBase64String(transport));
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            gzip.CopyTo(decompressed);
            json = decompressed.ToArray();
        }
        catch (FormatException)
        {
            error = "--image-cache is not valid base64; it must be base64(gzip(JSON)) as written by the SDK that deployed the task";
            return false;
        }
        catch (InvalidDataException)
        {
            error = "--image-cache is base64 but not gzip; it must be base64(gzip(JSON)) as written by the SDK that deployed the task";
            return false;
        }

        var check = new JsonCursor(json);
        if (!check.TrySkipValue() || !check.AtEnd)
        {
            error = $"--image-cache does not hold valid JSON after base64 and gzip decoding (stopped at byte {check.Position})";
            return false;
        }

        // The document is well-formed from here on, so the reads below cannot fail part-way.
        var reader = new JsonCursor(json);
        bool sawLookup = false;
        if (reader.TryConsume((byte)'{') && !reader.TryConsume((byte)'}'))
        {
            do
            {
                reader.TryReadString(out string key);
                reader.TryConsume((byte)':');
                if (key != LookupProperty)
                {
                    reader.TrySkipValue();
                    continue;
                }
                if (!reader.TryConsume((byte)'{'))
                {
                    break;
                }
                sawLookup = true;
                if (!TryReadLookup(ref reader, images, out error))
                {
                    return false;
                }
            }
            while (reader.TryConsume((byte)','));
        }

        error = sawLookup ? "" : $"--image-cache JSON has no \"{LookupProperty}\" object mapping environment names to image URIs";
        return sawLookup;
    }

    // Reads the lookup object's entries and its closing brace; the opening brace is already consumed.
    private static bool TryReadLookup(ref JsonCursor reader, Dictionary<string, string> images, out string error)
    {
        error = "";
        if (reader.TryConsume((byte)'}'))
        {
            return true;
        }
        do
        {
            reader.TryReadString(out string environment);
            reader.TryConsume((byte)':');
            if (reader.PeekKind(out string kind) != '"')
            {
                error = $"--image-cache entry \"{EchoedValue.Of(environment)}\" is not an image URI string (found JSON {kind})";
                return false;
            }
            reader.TryReadString(out string image);
            images[environment] = image;
        }
        while (reader.TryConsume((byte)','));
        reader.TryConsume((byte)'}');
        return true;
    }
}
