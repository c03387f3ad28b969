namespace Flyte.Remote;

/// <summary>What a deploy did: the version (the code bundle's MD5) and, per task, whether it was new.</summary>
public sealed record Deployment(string Version, string CodeBundleUri, IReadOnlyList<DeployedTask> Tasks)
{
    /// <summary>True when every task was already deployed at this version with the same spec: nothing was uploaded or registered.</summary>
    public bool Unchanged => Tasks.All(t => !t.Created);
}

public sealed record DeployedTask(string Name, string Version, bool Created);
