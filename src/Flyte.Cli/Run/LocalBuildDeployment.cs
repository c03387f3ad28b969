using Flyte.Cli.Images;
using Flyte.Cli.Loading;
using Flyte.Remote;

namespace Flyte.Cli.Run;

/// <summary>
/// Before <c>flyte run</c> on a control plane: deploys the local build, as <c>flyte deploy</c> would, so that the run is
/// of the code on this machine and not of whatever was deployed last. The version is the build's content hash, so a
/// build that is deployed already uploads and registers nothing; a changed one is deployed at its new version.
/// </summary>
internal static class LocalBuildDeployment
{
    /// <returns>The version the local build is deployed at.</returns>
    public static async Task<string> EnsureDeployedAsync(FlyteRemote remote, TaskAssembly assembly, RemoteRunChoices choices, CliConsole console,
        CancellationToken cancellationToken)
    {
        // The build output is the code: the assembly, its dependencies and anything copied beside them.
        string codeFolder = Path.GetDirectoryName(assembly.Path)!;
        // A declaration of a deployed task that does not match it would fail only when the workflow calls it.
        await remote.CheckRemoteTasksAsync(assembly.RemoteTasks, cancellationToken).ConfigureAwait(false);
        var deployment = await remote.DeployAsync(codeFolder, assembly.Tasks, PushedImageFile.ReadForBuild(codeFolder), cancellationToken).ConfigureAwait(false);
        if (!deployment.Unchanged)
        {
            int created = deployment.Tasks.Count(t => t.Created);
            // With --no-wait or --json, stdout carries only the run name or the outputs.
            var writer = choices.NoWait || choices.Json ? console.Error : console.Out;
            await writer.WriteLineAsync(
                $"Deployed {created} task{(created == 1 ? "" : "s")} of {assembly.Name} at version {deployment.Version}, the version of the local build")
                .ConfigureAwait(false);
        }
        return deployment.Version;
    }
}
