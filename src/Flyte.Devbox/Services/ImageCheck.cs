using Flyteidl2.Task;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// Refuses a task spec whose container image is still <c>{{.image}}</c> (or any placeholder): a cluster substitutes no
/// image, so its pod would fail to pull one. Off only with <see cref="DevboxOptions.AcceptUnresolvedImages"/>.
/// </summary>
public sealed class ImageCheck(DevboxOptions options)
{
    public void Require(TaskSpec spec, string taskName, string field)
    {
        if (options.AcceptUnresolvedImages)
        {
            return;
        }
        string image = spec.TaskTemplate?.Container?.Image ?? "";
        if (image.Length == 0 || image.Contains("{{", StringComparison.Ordinal))
        {
            string found = image.Length == 0 ? "no image" : $"the image '{image}'";
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"task {taskName}: {field}.task_template.container has {found}; a control plane substitutes no image placeholder, so its pod "
                + "could not start: deploy with an SDK that resolves images (flyte deploy --image, image.default)"));
        }
    }
}
