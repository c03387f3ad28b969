using System.Globalization;
using CsCheck;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of the devbox's API (CsCheck): generated requests for every RPC and the signed-URL endpoints,
/// then the invariants of docs/devbox-input.md. Each request gets a documented answer with a bounded message; afterwards
/// the devbox still answers, nothing was written outside its data folder, and no two runs share storage. A bounded
/// number of cases runs in <c>dotnet test</c>; <c>tools/fuzz-devbox.sh</c> runs many more (FLYTE_FUZZ_ITERATIONS).
/// </summary>
public sealed class DevboxFuzzTests : IAsyncLifetime
{
    private const int DefaultIterations = 300;

    private readonly string _parent = Directory.CreateTempSubdirectory("devbox-fuzz-").FullName;
    private DevboxHarness _harness = null!;
    private FuzzTarget _target = null!;

    private string DataDirectory => Path.Combine(_parent, "data");

    public async Task InitializeAsync()
    {
        // The API is what is fuzzed: attempts end at once, so that hundreds of runs cost no a0 processes.
        _harness = await DevboxHarness.StartAsync(DataDirectory, configure: options => options with { Launcher = new EndingLauncher() });
        var deployed = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        _target = new FuzzTarget(_harness.Devbox, deployed["quickstart.Square"]);
    }

    public async Task DisposeAsync()
    {
        _target.Dispose();
        await _harness.DisposeAsync();
        Directory.Delete(_parent, recursive: true);
    }

    private static int Iterations =>
        int.TryParse(System.Environment.GetEnvironmentVariable("FLYTE_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : DefaultIterations;

    [Fact]
    public async Task Generated_requests_get_documented_answers_and_leave_the_devbox_whole()
    {
        await ApiProbes.Any.SampleAsync(async probe =>
        {
            try
            {
                await probe.SendAsync(_target);
            }
            catch (RpcException e)
            {
                DocumentedAnswers.Check(e, probe);
            }
        }, iter: Iterations, threads: 1);

        // Still up, and still right: a valid call answers.
        var tasks = await _target.Tasks.ListTasksAsync(new ListTasksRequest { ProjectId = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain } });
        Assert.Contains(tasks.Tasks, t => t.TaskId.Name == "quickstart.Square");

        // Nothing escaped the data folder: its parent holds it alone.
        Assert.Equal([DataDirectory], Directory.GetFileSystemEntries(_parent));

        // No two runs share storage: distinct runs have bases that are neither equal nor one inside another.
        var bases = _target.CreatedRuns.Distinct().Select(run => (run, folder: _harness.Devbox.Storage.RunBase(run).TrimEnd('/') + "/")).ToList();
        foreach (var (run, folder) in bases)
        {
            foreach (var (other, otherFolder) in bases)
            {
                Assert.True(run == other || !otherFolder.StartsWith(folder, StringComparison.Ordinal), $"run {other} lies in the storage of run {run}: {otherFolder}");
            }
        }
    }

    /// <summary>Ends every attempt at once with exit code 0 and no outputs (the action then fails NoResult).</summary>
    private sealed class EndingLauncher : IActionLauncher
    {
        public Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken) => Task.FromResult(new LaunchResult(0));

        public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
