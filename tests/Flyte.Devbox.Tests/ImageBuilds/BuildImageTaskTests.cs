using Flyte.Devbox.ImageBuilds;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Remote;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.ImageBuilds;

/// <summary>
/// The devbox deploys system/build-image when it starts, with the interface flyte-sdk's remote builder calls it with
/// (inputs spec, context, target_image; one string output), and a restart keeps the same version.
/// </summary>
public sealed class BuildImageTaskTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<TaskDetails> DeployedAsync()
    {
        using var remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint });
        return await remote.GetDeployedTaskAsync("build-image", version: null, project: "system", domain: "production", CancellationToken.None);
    }

    [Fact]
    public async Task The_builder_task_is_deployed_in_system_production_with_flyte_sdks_inputs_and_one_string_output()
    {
        var details = await DeployedAsync();

        var template = details.Spec.TaskTemplate;
        Assert.Equal(["context", "spec", "target_image"], template.Interface.Inputs.Variables.Select(v => v.Key));
        Assert.All(template.Interface.Inputs.Variables, v => Assert.Equal(Flyteidl2.Core.SimpleType.String, v.Value.Type.Simple));
        Assert.Equal(["o0"], template.Interface.Outputs.Variables.Select(v => v.Key));
        Assert.Equal(BuildImageTask.Command, template.Container.Args[0]);
        Assert.StartsWith("devbox-", details.TaskId.Version);
    }

    [Fact]
    public async Task A_restarted_devbox_keeps_the_version_it_deployed()
    {
        string before = (await DeployedAsync()).TaskId.Version;

        await _harness.StopDevboxAsync();
        await _harness.StartDevboxAsync();

        Assert.Equal(before, (await DeployedAsync()).TaskId.Version);
    }
}
