using Flyte.Devbox.State;
using Flyte.Images;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Google.Protobuf;

namespace Flyte.Devbox.ImageBuilds;

/// <summary>
/// The devbox's own <c>system/build-image</c> task (domain production), the one flyte-sdk's remote builder and
/// <see cref="RemoteImageBuilder"/> look for: inputs <c>spec</c>, <c>context</c> and <c>target_image</c> (strings), output
/// <c>o0</c>, the image as pushed. Deployed when the devbox starts; its attempts run inside the devbox
/// (<see cref="ImageBuildLauncher"/>), not as a container. Its version is a hash of its spec, so a devbox with a changed
/// definition deploys a new version and the newest is the one looked up.
/// </summary>
public static class BuildImageTask
{
    /// <summary>The first container arg, by which <see cref="ImageBuildLauncher"/> knows an attempt of this task.</summary>
    public const string Command = "flyte-devbox-build-image";

    /// <summary>What the task's container names; never pulled, the devbox runs the build itself.</summary>
    public const string Image = "flyte-devbox/build-image";

    public static TaskSpec Spec(string org, string version = "")
    {
        var template = new TaskTemplate
        {
            Id = new Identifier
            {
                ResourceType = ResourceType.Task,
                Org = org,
                Project = RemoteImageBuilder.TaskProject,
                Domain = RemoteImageBuilder.DefaultTaskDomain,
                Name = RemoteImageBuilder.TaskName,
                Version = version,
            },
            Type = "container",
            Metadata = new Flyteidl2.Core.TaskMetadata { Retries = new RetryStrategy { Retries = 0 } },
            Interface = new TypedInterface
            {
                Inputs = new VariableMap { Variables = { Variable("context"), Variable("spec"), Variable("target_image") } },
                Outputs = new VariableMap { Variables = { Variable("o0") } },
            },
            Container = new Container
            {
                Image = Image,
                Args = { Command, "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}" },
            },
        };
        return new TaskSpec { TaskTemplate = template, ShortName = RemoteImageBuilder.TaskName };
    }

    /// <summary>Deploys the task unless this version of it is deployed; returns its key.</summary>
    public static TaskKey Deploy(DevboxDatabase database, string org, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        string version = "devbox-" + TaskRecord.Sha256Hex(Spec(org).ToByteArray())[..16];
        var key = new TaskKey(org, RemoteImageBuilder.TaskProject, RemoteImageBuilder.DefaultTaskDomain, RemoteImageBuilder.TaskName, version);
        database.DeployTask(TaskRecord.Create(key, Spec(org, version).ToByteArray(), now));
        return key;
    }

    private static VariableEntry Variable(string name) =>
        new() { Key = name, Value = new Variable { Type = new LiteralType { Simple = SimpleType.String } } };
}
