namespace Flyte.Build;

/// <summary>
/// <c>manifest.json</c>, written beside the task specs: what is in the folder, in a form people and
/// scripts read without decoding protobuf, with a content hash of each spec.
/// </summary>
internal sealed record Manifest(string Assembly, string SdkVersion, string Version, string Image, IReadOnlyList<ManifestTask> Tasks)
{
    public const string FileName = "manifest.json";
}

/// <summary>One task of the manifest; <see cref="Inputs"/> in declaration order, <see cref="Outputs"/> by name.</summary>
internal sealed record ManifestTask(
    string Name,
    string ShortName,
    string Environment,
    string Kind,
    string Method,
    string SpecFile,
    string Sha256,
    IReadOnlyList<KeyValuePair<string, string>> Inputs,
    IReadOnlyList<KeyValuePair<string, string>> Outputs);
