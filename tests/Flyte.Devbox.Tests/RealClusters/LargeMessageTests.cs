using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Remote;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>Outputs larger than gRPC's default 4 MB receive limit come back whole (the client sets no limit).</summary>
public sealed class LargeMessageTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_six_megabyte_output_is_read_through_the_remote_client()
    {
        using var remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });
        await remote.DeployAsync(SampleOutputs.DevboxTestTasks, [SampleTasks.Get(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "sizes.Text")]);

        var run = await DevboxTests.Sizes.FlyteTasks.Text.RunRemoteAsync(remote, 6_000_000);
        string text = await run.GetOutputAsync();

        Assert.Equal(6_000_000, text.Length);
        Assert.True(text.All(c => c == 'x'));
    }
}
