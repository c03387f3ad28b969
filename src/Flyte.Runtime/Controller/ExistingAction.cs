using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// Whether an Enqueue was refused because the action is already on the control plane. Flyte's open-source backend
/// does not answer ALREADY_EXISTS for a task action: it wraps Kubernetes' refusal to create the TaskAction resource
/// twice in INTERNAL, and only the message says why (docs/children.md).
/// </summary>
internal static class ExistingAction
{
    private const string AlreadyExists = "already exists";

    public static bool Refused(RpcException e) => e.StatusCode switch
    {
        StatusCode.AlreadyExists => true,
        StatusCode.Internal => e.Status.Detail.Contains(AlreadyExists, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
