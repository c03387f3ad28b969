using Flyte.Build;
using Flyteidl2.Task;
using Google.Protobuf;

namespace Flyte.Cli.Deploy;

/// <summary>The task specs a manifest lists, read back and checked against the manifest's hashes.</summary>
internal sealed record DeployArtifacts(Manifest Manifest, IReadOnlyList<(ManifestTask Entry, TaskSpec Spec)> Tasks)
{
    public static DeployArtifacts Read(string directory, Manifest manifest)
    {
        var tasks = new List<(ManifestTask, TaskSpec)>();
        foreach (var entry in manifest.Tasks)
        {
            string path = Path.Combine(directory, entry.SpecFile);
            if (!File.Exists(path))
            {
                throw new UsageException($"{entry.SpecFile} is listed in the manifest but missing from {directory}");
            }
            byte[] bytes = File.ReadAllBytes(path);
            if (TaskArtifacts.Sha256Hex(bytes) != entry.Sha256)
            {
                throw new UsageException($"{entry.SpecFile} does not match the manifest's hash; serialize again");
            }
            try
            {
                tasks.Add((entry, TaskSpec.Parser.ParseFrom(bytes)));
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new UsageException($"{entry.SpecFile} is not a TaskSpec: {e.Message}", e);
            }
        }
        return new DeployArtifacts(manifest, tasks);
    }
}
