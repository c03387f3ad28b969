using System.IO.Compression;
using System.Text.Json;

namespace Flyte.Images;

/// <summary>
/// Writes <c>a0 --image-cache</c> as flyte-sdk does: base64(gzip(JSON)) of
/// <c>{"image_lookup": {"&lt;environment&gt;": "&lt;image&gt;"}, "build_run_ids": {}}</c>.
/// </summary>
internal static class ImageCacheTransport
{
    public static string Encode(IReadOnlyDictionary<string, string> imagesByEnvironment)
    {
        ArgumentNullException.ThrowIfNull(imagesByEnvironment);
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("image_lookup");
            // Sorted, so the same images always give the same argument and an unchanged task's spec stays equal.
            foreach (var (environment, image) in imagesByEnvironment.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteString(environment, image);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("build_run_ids");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            json.Position = 0;
            json.CopyTo(gzip);
        }
        return Convert.ToBase64String(compressed.ToArray());
    }
}
