using Flyte.Remote;

namespace Flyte.Cli.Deploy;

/// <summary>What a deploy did: each task, deployed or unchanged, at which version; then one line that sums it up.</summary>
internal static class DeploymentPrinter
{
    public static void Write(TextWriter output, Deployment deployment)
    {
        int width = deployment.Tasks.Count == 0 ? 0 : deployment.Tasks.Max(t => t.Name.Length);
        foreach (var task in deployment.Tasks)
        {
            output.WriteLine($"  {task.Name.PadRight(width)}  {(task.Created ? "deployed " : "unchanged")}  {task.Version}");
        }
        if (deployment.Unchanged)
        {
            output.WriteLine($"Nothing new to deploy: version {deployment.Version} is already deployed.");
            return;
        }
        int created = deployment.Tasks.Count(t => t.Created);
        output.WriteLine($"Deployed {created} task{(created == 1 ? "" : "s")} at version {deployment.Version}.");
    }
}
