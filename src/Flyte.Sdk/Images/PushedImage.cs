using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flyte.Images;

/// <summary>
/// The task image pushed for a build, recorded beside its registrable artifacts (<c>flyte/image.json</c> in the build
/// output) by <c>flyte image push</c>, so that a deploy of that build runs its tasks in that image.
/// </summary>
/// <param name="CodeInImage">The image's a0 has the project's tasks compiled in (a native a0): a deploy ships no code bundle.</param>
internal sealed record PushedImage(string Reference, bool CodeInImage = false)
{
    public const string FileName = "image.json";

    /// <summary>The artifacts folder of a build output folder (where <c>dotnet build</c> writes the task specs).</summary>
    public static string ArtifactsDirectory(string codeFolder) => Path.Combine(codeFolder, "flyte");

    /// <summary>The image recorded in <paramref name="artifactsDirectory"/>, or null when none was pushed for it.</summary>
    public static PushedImage? Read(string artifactsDirectory)
    {
        string path = Path.Combine(artifactsDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        var record = JsonSerializer.Deserialize(File.ReadAllText(path), PushedImageJson.Default.PushedImage);
        return record is { Reference.Length: > 0 } ? record : throw new InvalidDataException($"{path} names no image reference; push the image again");
    }

    public void Write(string artifactsDirectory)
    {
        Directory.CreateDirectory(artifactsDirectory);
        File.WriteAllText(Path.Combine(artifactsDirectory, FileName), JsonSerializer.Serialize(this, PushedImageJson.Default.PushedImage) + "\n");
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PushedImage))]
internal sealed partial class PushedImageJson : JsonSerializerContext;
