using System.Text.Json;
using System.Text.Json.Serialization;
using Flyte.Images;

namespace Flyte.Cli.Images;

/// <summary>
/// Where <c>flyte image push</c> records the image it pushed for a build: <c>flyte/image.json</c> beside the build's
/// registrable artifacts, so that <c>flyte deploy</c> of that build runs its tasks in that image.
/// </summary>
internal static class PushedImageFile
{
    public const string FileName = "image.json";

    /// <summary>The artifacts folder of a build output folder (where <c>dotnet build</c> writes the task specs).</summary>
    public static string ArtifactsDirectory(string codeFolder) => Path.Combine(codeFolder, "flyte");

    /// <summary>The image recorded for the build in <paramref name="codeFolder"/>, or null when none was pushed for it.</summary>
    public static PushedImage? ReadForBuild(string codeFolder) => Read(ArtifactsDirectory(codeFolder));

    /// <summary>The image recorded in <paramref name="artifactsDirectory"/>, or null when none was pushed for it.</summary>
    public static PushedImage? Read(string artifactsDirectory)
    {
        string path = Path.Combine(artifactsDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        PushedImageRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(File.ReadAllText(path), PushedImageJson.Default.PushedImageRecord);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not a pushed-image record ({e.Message}); push the image again", e);
        }
        return record is { Reference.Length: > 0 }
            ? new PushedImage(record.Reference, record.CodeInImage)
            : throw new UsageException($"{path} names no image reference; push the image again");
    }

    public static void Write(PushedImage image, string artifactsDirectory)
    {
        Directory.CreateDirectory(artifactsDirectory);
        string json = JsonSerializer.Serialize(new PushedImageRecord(image.Reference, image.CodeInImage), PushedImageJson.Default.PushedImageRecord);
        File.WriteAllText(Path.Combine(artifactsDirectory, FileName), json + "\n");
    }
}

/// <summary>The JSON shape of <c>image.json</c>.</summary>
internal sealed record PushedImageRecord(string Reference, bool CodeInImage = false);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PushedImageRecord))]
internal sealed partial class PushedImageJson : JsonSerializerContext;
