namespace Flyte.Images.Tests.Containers;

/// <summary>The probes of the real machine: with the turn taken (which starts what is missing), they find all three services.</summary>
public class MachineContainerServicesTests
{
    [Fact]
    public async Task The_probes_find_the_engine_the_registry_and_the_base_image_the_container_tests_use()
    {
        using var turn = await ContainerServices.TakeTurnAsync();

        var state = await new MachineContainerServices().ProbeAsync();

        Assert.True(state.Ready, $"after the turn was taken, the probes miss {state.Missing}");
    }
}
