using Flyte.Generation;
using System.Net;
using System.Net.Sockets;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Auth;

/// <summary>What the devbox refuses to start with, in one line each, and the API key every attempt gets.</summary>
public sealed class DevboxAuthStartTests
{
    private static DevboxOptions Options(string data) => new() { DataDirectory = data, Port = 0, A0Command = ["dotnet", SampleOutputs.A0] };

    [Fact]
    public async Task A_non_loopback_address_without_auth_is_refused()
    {
        var data = Directory.CreateTempSubdirectory("devbox-auth-");
        try
        {
            var error = await Assert.ThrowsAsync<DevboxAuthException>(() => DevboxServer.StartAsync(Options(data.FullName) with { ListenAddress = IPAddress.Any }));

            Assert.Equal("the devbox listens on 0.0.0.0 only with authentication (an OpenID Connect issuer); without it, on loopback only", error.Message);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_issuer_fails_the_start()
    {
        var data = Directory.CreateTempSubdirectory("devbox-auth-");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        try
        {
            var error = await Assert.ThrowsAsync<DevboxAuthException>(() =>
                DevboxServer.StartAsync(Options(data.FullName) with { Auth = new DevboxAuthOptions { Issuer = $"http://127.0.0.1:{closedPort}" } }));

            Assert.StartsWith($"the issuer http://127.0.0.1:{closedPort} cannot be reached (", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Every_attempt_gets_the_eager_api_key_in_its_environment()
    {
        string seen = Path.Combine(Path.GetTempPath(), "eager-api-key-" + Guid.NewGuid().ToString("N"));
        // The attempt's real a0, started by the real process launcher through a shell that first writes down the variable it was given.
        IReadOnlyList<string> a0 = ["sh", "-c", $"printf '%s' \"$EAGER_API_KEY\" > '{seen}'; exec dotnet '{SampleOutputs.A0}' \"$@\"", "a0"];
        await using var harness = await DevboxHarness.StartAsync(configure: options => options with { EagerApiKey = "key-of-the-pods", Launcher = new ProcessLauncher(a0) });
        try
        {
            var tasks = await harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");

            var run = await harness.StartRunAsync(tasks["quickstart.Square"], new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(5) } });

            Assert.Equal(Flyteidl2.Common.ActionPhase.Succeeded, (await harness.WaitAsync(run)).Action.Status.Phase);
            Assert.Equal("key-of-the-pods", await File.ReadAllTextAsync(seen));
        }
        finally
        {
            File.Delete(seen);
        }
    }

    [Fact]
    public void Pods_get_the_key_only_when_set_and_the_actions_service_switch_unless_turned_off()
    {
        Assert.Equal(new Dictionary<string, string> { ["_U_USE_ACTIONS"] = "1" }, PodVariables.For(Options("/unused")).Variables);
        Assert.Equal(new Dictionary<string, string> { ["EAGER_API_KEY"] = "k", ["_U_USE_ACTIONS"] = "1" }, PodVariables.For(Options("/unused") with { EagerApiKey = "k" }).Variables);
        Assert.Empty(PodVariables.For(Options("/unused") with { PodsUseActionsService = false }).Variables);
    }
}
