namespace Flyte.Remote;

/// <summary>
/// What a deploy did: the version (the code bundle's MD5, or the image's content tag when the code is compiled into the
/// image's a0 and no bundle is shipped) and, per task, whether it was new.
/// </summary>
/// <param name="CodeBundleUri">Where the code bundle is; null when the code is in the image.</param>
public sealed record Deployment(string Version, string? CodeBundleUri, IReadOnlyList<DeployedTask> Tasks)
{
    /// <summary>True when every task was already deployed at this version with the same spec: nothing was uploaded or registered.</summary>
    public bool Unchanged => Tasks.All(t => !t.Created);
}

/// <summary>One task of a deployment: its <paramref name="Name"/>, the <paramref name="Version"/> deployed, and whether this deployment <paramref name="Created"/> it (false: it was there with the same spec).</summary>
public sealed record DeployedTask(string Name, string Version, bool Created);
