using System.Net.Http;

namespace Flyte.Tests.Shared;

/// <summary>
/// The Docker engine, the loopback registry and the base task image the container tests run on, as
/// tools/containers/start.sh leaves them (.ci/run runs it). Missing ones fail the test with one line that says how to start them.
/// </summary>
internal static class ContainerServices
{
    public const string Registry = "127.0.0.1:5000";

    public const string BaseImage = Registry + "/flyte-dotnet:10.0";

    private const string HowToStart = "start them with `sudo bash tools/containers/start.sh` (what .ci/run does)";

    /// <summary>
    /// Waits for the machine-wide lock every test that uses the engine or the registry holds for its duration, then checks
    /// the services are there. Test assemblies of one <c>dotnet test</c> and of other clones share the engine, the
    /// registry and the machine's cores: a container killed for memory, or an abort timed while another clone's image
    /// builds, must not depend on what else runs. Dispose the lock when the test ends.
    /// </summary>
    public static async Task<FileLock> TakeTurnAsync()
    {
        var turn = await FileLock.AcquireAsync(FileLock.MachineWide("docker-engine-and-registry"), TimeSpan.FromMinutes(30),
            "the Docker engine and registry (container tests of every test assembly and clone take turns)");
        try
        {
            await RequireAsync();
            return turn;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    private static async Task RequireAsync()
    {
        if (!File.Exists("/var/run/docker.sock"))
        {
            Assert.Fail($"the container tests need a Docker engine at /var/run/docker.sock and a registry on {Registry}: {HowToStart}");
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{Registry}/v2/flyte-dotnet/manifests/10.0");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        try
        {
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"the base image {BaseImage} is not in the registry ({(int)response.StatusCode}): {HowToStart}");
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"no registry answers on {Registry} ({e.Message}): {HowToStart}");
        }
    }
}
