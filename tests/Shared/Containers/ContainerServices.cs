namespace Flyte.Tests.Shared;

/// <summary>
/// The Docker engine, the loopback registry and the base task image the container tests run on, as
/// tools/containers/start.sh leaves them. When one is missing the first test to need it runs start.sh itself (it needs
/// root and apt-get); where that cannot work, the test fails with one line that names the command to run.
/// </summary>
internal static class ContainerServices
{
    public const string Registry = "127.0.0.1:5000";

    public const string BaseImage = Registry + "/flyte-dotnet:10.0";

    public const string DockerSocket = "/var/run/docker.sock";

    /// <summary>A failure is not tried again by every later test of this process (start.sh takes minutes to fail): they fail with its line.</summary>
    private static string? _failedStart;

    /// <summary>
    /// Waits for the machine-wide lock every test that uses the engine or the registry holds for its duration, then makes
    /// sure the services are there. Test assemblies of one <c>dotnet test</c> and of other clones share the engine, the
    /// registry and the machine's cores: a container killed for memory, or an abort timed while another clone's image
    /// builds, must not depend on what else runs. The lock also makes start.sh run once on the machine: whoever takes
    /// the turn next finds the services up. Dispose the lock when the test ends.
    /// </summary>
    public static async Task<FileLock> TakeTurnAsync()
    {
        var turn = await FileLock.AcquireAsync(FileLock.MachineWide("docker-engine-and-registry"), TimeSpan.FromMinutes(30),
            "the Docker engine and registry (container tests of every test assembly and clone take turns)");
        try
        {
            if (_failedStart is { } earlier)
            {
                Assert.Fail(earlier);
            }
            if (await ContainerServicesReadiness.EnsureAsync(new MachineContainerServices()) is { } failure)
            {
                _failedStart = failure;
                Assert.Fail(failure);
            }
            return turn;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }
}
