using Flyte.Build;
using Flyte.Cli.Json;
using Flyte.Tasks;
using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Cli.Deploy;

/// <summary>Prints each task a deploy would register, from its spec: identity, version, image, interface, resources and policy.</summary>
internal static class DryRunPrinter
{
    private const string VersionPlaceholder = "{{.version}}";
    private const string ImagePlaceholder = "{{.image}}";

    public static void Write(TextWriter output, DeployArtifacts artifacts)
    {
        var manifest = artifacts.Manifest;
        output.WriteLine($"Dry run: would register {artifacts.Tasks.Count} task{(artifacts.Tasks.Count == 1 ? "" : "s")} of {manifest.Assembly} (SDK {manifest.SdkVersion}):");
        foreach (var (entry, spec) in artifacts.Tasks)
        {
            var template = spec.TaskTemplate;
            output.WriteLine();
            output.WriteLine($"{template.Id.Name} ({entry.Kind} {entry.Method})");
            output.WriteLine($"  version      {Placeholder(template.Id.Version, VersionPlaceholder, "set at deploy: the code bundle's hash")}");
            output.WriteLine($"  image        {Placeholder(template.Container?.Image ?? "", ImagePlaceholder, "set at deploy: the default image")}");
            output.WriteLine($"  environment  {spec.Environment?.Name}");
            output.WriteLine($"  inputs       {Variables(template.Interface?.Inputs, entry.Inputs.Select(i => i.Key))}");
            output.WriteLine($"  outputs      {Variables(template.Interface?.Outputs, null)}");
            if (template.Container?.Resources is { } resources)
            {
                output.WriteLine($"  resources    {Resources(resources)}");
            }
            output.WriteLine($"  policy       {Policy(template.Metadata)}");
        }
    }

    private static string Placeholder(string value, string placeholder, string meaning) =>
        value == placeholder ? $"{value} ({meaning})" : value;

    /// <summary>Inputs in declaration order (from the manifest) when known; the interface itself is sorted by name.</summary>
    private static string Variables(VariableMap? variables, IEnumerable<string>? order)
    {
        if (variables is null || variables.Variables.Count == 0)
        {
            return "(none)";
        }
        var byName = variables.Variables.ToDictionary(v => v.Key, v => v.Value.Type, StringComparer.Ordinal);
        var names = order?.Where(byName.ContainsKey).ToList() ?? [];
        names.AddRange(byName.Keys.Where(k => !names.Contains(k)));
        return string.Join(", ", names.Select(n => $"{n}: {LiteralTypeDescription.Of(byName[n])}"));
    }

    private static string Resources(Resources resources)
    {
        static string Entries(IEnumerable<Resources.Types.ResourceEntry> entries) =>
            string.Join(" ", entries.Select(e => $"{e.Name.ToString().ToLowerInvariant()}={e.Value}"));
        string requests = Entries(resources.Requests);
        string limits = Entries(resources.Limits);
        return limits.Length == 0 ? $"requests {requests}" : $"requests {requests}; limits {limits}";
    }

    private static string Policy(Flyteidl2.Core.TaskMetadata? metadata)
    {
        if (metadata is null)
        {
            return "(none)";
        }
        var parts = new List<string> { $"retries {metadata.Retries?.Retries ?? 0}" };
        parts.Add(metadata.Discoverable ? $"cache on (version \"{metadata.DiscoveryVersion}\")" : "cache off");
        if (metadata.Timeout is { } timeout)
        {
            parts.Add($"timeout {DurationText.Format(timeout.ToTimeSpan())}");
        }
        if (metadata.Interruptible)
        {
            parts.Add("interruptible");
        }
        return string.Join(", ", parts);
    }
}
