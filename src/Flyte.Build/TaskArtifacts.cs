using System.Security.Cryptography;
using Flyte.Tasks;
using Google.Protobuf;

namespace Flyte.Build;

/// <summary>
/// Writes what a deploy registers: one <c>flyteidl2.task.TaskSpec</c> per task as <c>&lt;task name&gt;.pb</c>
/// and a <c>manifest.json</c>. Same assembly and settings, same bytes; a file whose bytes did not
/// change is not rewritten, so its timestamp keeps incremental builds incremental.
/// </summary>
internal static class TaskArtifacts
{
    /// <param name="assemblyName">The name of the assembly the tasks come from.</param>
    /// <param name="tasks">Its tasks, in the order the manifest lists them.</param>
    public static Manifest Write(string assemblyName, IReadOnlyList<TaskDefinition> tasks, string outputDirectory, TaskTemplateSettings settings)
    {
        Directory.CreateDirectory(outputDirectory);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<ManifestTask>();
        foreach (var task in tasks)
        {
            byte[] spec = task.CreateSpec(settings).ToByteArray();
            string fileName = SpecFileName(task.Name);
            if (!written.Add(fileName))
            {
                throw new ArtifactsException($"two tasks map to the spec file {fileName}; rename one of them");
            }
            WriteIfChanged(Path.Combine(outputDirectory, fileName), spec);
            entries.Add(Describe(task, fileName, spec));
        }
        RemoveStaleSpecs(outputDirectory, written);

        var manifest = new Manifest(assemblyName, settings.SdkVersion, settings.Version, settings.DefaultImage, entries);
        WriteIfChanged(Path.Combine(outputDirectory, Manifest.FileName), ManifestJson.Write(manifest));
        return manifest;
    }

    /// <summary>An assembly without tasks leaves no artifacts, and none of an earlier build's.</summary>
    public static void Clear(string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }
        RemoveStaleSpecs(outputDirectory, []);
        File.Delete(Path.Combine(outputDirectory, Manifest.FileName));
    }

    /// <summary>Task names are <c>env.function</c>; anything a file system might not take becomes '_'.</summary>
    public static string SpecFileName(string taskName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = taskName.Select(c => invalid.Contains(c) || c is '\\' or '/' or ':' ? '_' : c).ToArray();
        return new string(safe) + ".pb";
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ManifestTask Describe(TaskDefinition task, string fileName, byte[] spec)
    {
        var inputTypes = task.Interface.Inputs.Variables.ToDictionary(v => v.Key, v => v.Value.Type, StringComparer.Ordinal);
        return new ManifestTask(
            task.Name,
            task.Declaration.ShortName,
            task.Declaration.EnvironmentName,
            task.Declaration.IsWorkflow ? "workflow" : "task",
            task.Declaration.MethodName,
            fileName,
            Sha256Hex(spec),
            task.InputNames.Select(n => new KeyValuePair<string, string>(n, LiteralTypeDescription.Of(inputTypes[n]))).ToArray(),
            task.Interface.Outputs.Variables.Select(v => new KeyValuePair<string, string>(v.Key, LiteralTypeDescription.Of(v.Value.Type))).ToArray());
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Specs of tasks that no longer exist would otherwise be deployed again.</summary>
    private static void RemoveStaleSpecs(string outputDirectory, HashSet<string> current)
    {
        foreach (string path in Directory.EnumerateFiles(outputDirectory, "*.pb"))
        {
            if (!current.Contains(Path.GetFileName(path)))
            {
                File.Delete(path);
            }
        }
    }
}
