using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flyte.Runtime.Configuration;

/// <summary>
/// Reads the keys of <see cref="ConfigKeys"/> from a YAML config file, with YamlDotNet's representation model (no
/// reflection). Sections and keys the SDK does not know are ignored: the same file also configures flyte-sdk and flytectl.
/// </summary>
internal static class YamlConfigFile
{
    public static Dictionary<ConfigKey, ConfigRawValue> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlyteConfigException($"Cannot read the config file {path}: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static Dictionary<ConfigKey, ConfigRawValue> Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FlyteConfigException(
                $"{path} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet fails this way, without a position, on some malformed input (NUL and other control characters).
            throw new FlyteConfigException($"{path} is not valid YAML: {OneLine(e.Message)}", e);
        }

        var values = new Dictionary<ConfigKey, ConfigRawValue>();
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return values;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FlyteConfigException(
                $"{path} must be a YAML mapping of sections (admin:, task:, …), not {Describe(stream.Documents[0].RootNode)}.");
        }

        foreach (var section in ConfigKeys.All.Select(key => key.Section).Distinct())
        {
            var sectionNode = Find(root, section);
            if (sectionNode is null || IsNull(sectionNode))
            {
                continue;
            }
            if (sectionNode is not YamlMappingNode keys)
            {
                throw new FlyteConfigException(
                    $"{section} in {path} (line {sectionNode.Start.Line}) must be a mapping of keys, not {Describe(sectionNode)}.");
            }
            foreach (var key in ConfigKeys.All.Where(key => key.Section == section))
            {
                if (Find(keys, key.Name) is { } node && !IsNull(node))
                {
                    values[key] = Read(key, node, $"{key.Path} in {path} (line {node.Start.Line})");
                }
            }
        }
        return values;
    }

    private static ConfigRawValue Read(ConfigKey key, YamlNode node, string origin)
    {
        bool isList = key.Kind is ConfigValueKind.List or ConfigValueKind.Command;
        switch (node)
        {
            case YamlScalarNode scalar:
                return new ConfigRawValue(scalar.Value ?? "", null, origin);
            case YamlSequenceNode sequence when isList:
                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode { Value: { } value })
                    {
                        throw new FlyteConfigException($"{origin} must be a list of single values, but one item is {Describe(item)}.");
                    }
                    items.Add(value);
                }
                return new ConfigRawValue(null, items, origin);
            default:
                var expected = isList ? "a list" : key.Kind == ConfigValueKind.Boolean ? "true or false" : "a single value";
                throw new FlyteConfigException($"{origin} must be {expected}, not {Describe(node)}.");
        }
    }

    private static YamlNode? Find(YamlMappingNode mapping, string name) =>
        mapping.Children.FirstOrDefault(entry => entry.Key is YamlScalarNode { Value: { } key } && key == name).Value;

    /// <summary>A missing value: an empty plain scalar, <c>~</c> or <c>null</c>, as YAML reads them.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"the value '{EchoedValue.Of(scalar.Value ?? "")}'",
        _ => "an alias",
    };

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
