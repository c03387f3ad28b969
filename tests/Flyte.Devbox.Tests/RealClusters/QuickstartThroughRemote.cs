using Flyte.Generation;
using Flyte.Remote;
using Flyteidl2.Core;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>What each real-cluster test does through the client under test: deploy Quickstart, run MeanOfSquares(10), read its mean.</summary>
internal static class QuickstartThroughRemote
{
    public const double MeanOfSquaresOfTen = 28.5;

    public static async Task<Deployment> DeployAsync(FlyteRemote remote) =>
        await remote.DeployAsync(SampleOutputs.Quickstart, SampleTasks.All(SampleOutputs.Quickstart, "Quickstart"));

    public static async Task<RemoteRun> StartMeanAsync(FlyteRemote remote, Deployment deployment, int n = 10) =>
        await remote.RunAtVersionAsync(
            SampleTasks.Get(SampleOutputs.Quickstart, "Quickstart", "quickstart.MeanOfSquares"),
            deployment.Version,
            new LiteralMap { Literals = { ["n"] = ScalarLiterals.FromInt64(n) } });

    public static async Task<double> MeanAsync(RemoteRun run) => ScalarLiterals.ToDouble((await run.GetOutputsAsync()).Literals["o0"]);

    public static async Task<double> DeployAndRunAsync(FlyteRemote remote) =>
        await MeanAsync(await StartMeanAsync(remote, await DeployAsync(remote)));
}
