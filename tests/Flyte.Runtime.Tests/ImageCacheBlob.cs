using System.IO.Compression;
using System.Text;

namespace Flyte.Runtime.Tests;

/// <summary>Builds an <c>--image-cache</c> value the way the deploying SDK does: base64(gzip(JSON)).</summary>
internal static class ImageCacheBlob
{
    public static string Build(string json) => Convert.ToBase64String(Gzip(Encoding.UTF8.GetBytes(json)));

    public static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }
        return buffer.ToArray();
    }
}
