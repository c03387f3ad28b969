using System.Text.Json;

namespace Flyte.Bundles;

/// <summary>
/// The files of a build output that a task image already provides: those of Flyte.Sdk and of every library it depends
/// on, as the output's deps.json lists them. a0 ships exactly these, and loads the task's assembly so that whatever a0
/// ships binds to a0's copy; the bundled copies would never be loaded. Leaving them out is what makes a bundle hold the
/// user's code and the user's own dependencies only, as flyte-sdk's bundles hold the project's source and not the
/// packages of the image (docs/bundles.md).
/// </summary>
internal static class ImageProvidedFiles
{
    private const string SdkLibrary = "Flyte.Sdk";

    /// <summary>Paths relative to <paramref name="root"/>, '/'-separated; empty when no deps.json there names Flyte.Sdk.</summary>
    /// <exception cref="InvalidOperationException">A deps.json at the root cannot be read as one.</exception>
    public static IReadOnlySet<string> Find(string root)
    {
        var provided = new HashSet<string>(StringComparer.Ordinal);
        foreach (string depsFile in Directory.EnumerateFiles(root, "*.deps.json"))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(depsFile));
                AddSdkClosure(document.RootElement, provided);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidOperationException($"Cannot bundle '{root}': {Path.GetFileName(depsFile)} is not a readable deps.json ({e.Message}); rebuild the project.", e);
            }
        }
        return provided;
    }

    private static void AddSdkClosure(JsonElement deps, HashSet<string> provided)
    {
        if (!deps.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var target in targets.EnumerateObject())
        {
            // "Name/Version" → the library's entry, looked up by name: a dependency names the version it asked for,
            // which the build may have raised.
            var byName = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Value.EnumerateObject())
            {
                byName[NameOf(library.Name)] = library.Value;
            }
            if (!byName.ContainsKey(SdkLibrary))
            {
                continue;
            }
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<string>([SdkLibrary]);
            while (pending.TryPop(out string? name))
            {
                if (!seen.Add(name) || !byName.TryGetValue(name, out var library))
                {
                    continue;
                }
                AddFiles(library, provided);
                if (library.TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var dependency in dependencies.EnumerateObject())
                    {
                        pending.Push(dependency.Name);
                    }
                }
            }
        }
    }

    /// <summary>Where the build copies a library's assets: runtime and native files at the root (with their .pdb and .xml),
    /// satellite assemblies under their culture, RID-specific files at their own path.</summary>
    private static void AddFiles(JsonElement library, HashSet<string> provided)
    {
        foreach (string kind in (string[])["runtime", "native"])
        {
            if (library.TryGetProperty(kind, out var assets))
            {
                foreach (var asset in assets.EnumerateObject())
                {
                    string file = FileNameOf(asset.Name);
                    provided.Add(file);
                    if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    {
                        provided.Add(Path.ChangeExtension(file, ".pdb"));
                        provided.Add(Path.ChangeExtension(file, ".xml"));
                    }
                }
            }
        }
        if (library.TryGetProperty("resources", out var resources))
        {
            foreach (var resource in resources.EnumerateObject())
            {
                if (resource.Value.TryGetProperty("locale", out var locale) && locale.GetString() is { Length: > 0 } culture)
                {
                    provided.Add(culture + "/" + FileNameOf(resource.Name));
                }
            }
        }
        if (library.TryGetProperty("runtimeTargets", out var runtimeTargets))
        {
            foreach (var asset in runtimeTargets.EnumerateObject())
            {
                provided.Add(asset.Name);
            }
        }
    }

    private static string NameOf(string library) => library.LastIndexOf('/') is var slash and >= 0 ? library[..slash] : library;

    private static string FileNameOf(string assetPath) => assetPath[(assetPath.LastIndexOf('/') + 1)..];
}
