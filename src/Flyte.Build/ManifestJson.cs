using System.Text.Json;

namespace Flyte.Build;

/// <summary>Writes and reads <see cref="Manifest"/> with the JSON DOM and writer (no reflection), in a fixed layout so equal manifests are equal bytes.</summary>
internal static class ManifestJson
{
    public static byte[] Write(Manifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("assembly", manifest.Assembly);
            writer.WriteString("sdkVersion", manifest.SdkVersion);
            writer.WriteString("version", manifest.Version);
            writer.WriteString("image", manifest.Image);
            writer.WriteStartArray("tasks");
            foreach (var task in manifest.Tasks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", task.Name);
                writer.WriteString("shortName", task.ShortName);
                writer.WriteString("environment", task.Environment);
                writer.WriteString("kind", task.Kind);
                writer.WriteString("method", task.Method);
                writer.WriteString("spec", task.SpecFile);
                writer.WriteString("sha256", task.Sha256);
                WriteVariables(writer, "inputs", task.Inputs);
                WriteVariables(writer, "outputs", task.Outputs);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static Manifest Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var tasks = root.GetProperty("tasks").EnumerateArray().Select(t => new ManifestTask(
            Name: t.GetProperty("name").GetString()!,
            ShortName: t.GetProperty("shortName").GetString()!,
            Environment: t.GetProperty("environment").GetString()!,
            Kind: t.GetProperty("kind").GetString()!,
            Method: t.GetProperty("method").GetString()!,
            SpecFile: t.GetProperty("spec").GetString()!,
            Sha256: t.GetProperty("sha256").GetString()!,
            Inputs: ReadVariables(t.GetProperty("inputs")),
            Outputs: ReadVariables(t.GetProperty("outputs")))).ToArray();
        return new Manifest(
            root.GetProperty("assembly").GetString()!,
            root.GetProperty("sdkVersion").GetString()!,
            root.GetProperty("version").GetString()!,
            root.GetProperty("image").GetString()!,
            tasks);
    }

    private static void WriteVariables(Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, string>> variables)
    {
        writer.WriteStartObject(name);
        foreach (var (key, type) in variables)
        {
            writer.WriteString(key, type);
        }
        writer.WriteEndObject();
    }

    private static KeyValuePair<string, string>[] ReadVariables(JsonElement element) =>
        element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToArray();
}
