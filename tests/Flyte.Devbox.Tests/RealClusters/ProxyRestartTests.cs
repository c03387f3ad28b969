using Flyte.Devbox.Auth;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Remote;
using Flyte.Remote.Auth;
using Flyteidl2.Common;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>
/// The proxies in front of a secured control plane go away in the middle of a run and come back: the client's
/// watches (gRPC-Web through an HTTP/1.1-only nginx) and the workflow's a0 controller (gRPC through an h2c nginx, the
/// address in its API key) resume, the run ends as it would have, and its end is reported once.
/// </summary>
public sealed class ProxyRestartTests(OidcProviderFixture oidc) : IClassFixture<OidcProviderFixture>, IAsyncLifetime
{
    private const int Naps = 6;
    private const int NapMilliseconds = 1500;

    private DevboxHarness _harness = null!;
    private NginxProxy _clientProxy = null!;
    private NginxProxy _podProxy = null!;

    public async Task InitializeAsync()
    {
        int port = LoopbackPorts.Free();
        var upstream = new Uri($"http://127.0.0.1:{port}");
        _clientProxy = await NginxProxy.StartHttp1Async(upstream);
        _podProxy = await NginxProxy.StartH2cGrpcAsync(upstream);
        var podKey = new FlyteApiKey(_podProxy.Endpoint.AbsoluteUri.TrimEnd('/'), OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, null);
        _harness = await DevboxHarness.StartAsync(configure: options => options with
        {
            Port = port,
            Auth = new DevboxAuthOptions { Issuer = oidc.Issuer },
            EagerApiKey = podKey.Encode(),
        });
    }

    public async Task DisposeAsync()
    {
        await _clientProxy.DisposeAsync();
        await _podProxy.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Watches_and_the_controller_resume_when_the_proxies_come_back_and_the_end_is_reported_once()
    {
        using var remote = FlyteRemote.Connect(new RemoteOptions
        {
            Endpoint = _clientProxy.Endpoint.AbsoluteUri.TrimEnd('/'),
            Project = DevboxHarness.Project,
            Domain = DevboxHarness.Domain,
            Transport = RemoteTransport.GrpcWeb,
            Authentication = new RemoteAuthentication
            {
                Type = AuthType.ClientSecret,
                ClientId = OidcProviderFixture.ConfidentialClientId,
                ClientSecret = OidcProviderFixture.ConfidentialClientSecret,
                TokenCacheDirectory = null,
            },
        });
        await remote.DeployAsync(SampleOutputs.DevboxTestTasks, SampleTasks.All(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks"));
        var run = await DevboxTests.Slow.FlyteTasks.Naps.RunRemoteAsync(remote, Naps, NapMilliseconds);

        var reports = new List<RunDetails>();
        var progress = new SynchronousProgress<RunDetails>(details => { lock (reports) { reports.Add(details); } });
        var waiting = run.WaitAsync(progress);
        var actions = new List<Flyteidl2.Workflow.Action>();
        var watching = Task.Run(async () =>
        {
            await foreach (var action in run.WatchActionsAsync())
            {
                lock (actions)
                {
                    actions.Add(action);
                }
            }
        });

        // Cut both proxies once the workflow has enqueued its first children, for long enough that every stream breaks.
        await Until.TrueAsync(() => { lock (actions) { return actions.Count(a => a.Id.Name != RemoteRun.RootActionName) >= 2; } }, "the workflow's first children");
        await _clientProxy.StopAsync();
        await _podProxy.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await _podProxy.RestartAsync();
        await _clientProxy.RestartAsync();

        var final = await waiting;
        await watching;

        Assert.Equal(ActionPhase.Succeeded, final.Action.Status.Phase);
        Assert.Equal(Enumerable.Range(0, Naps).Sum(i => i * 10), await run.GetOutputAsync());
        Assert.Single(reports, details => PhaseNames.IsTerminal(details.Action.Status.Phase));
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.NotEqual(reports[i - 1], reports[i]);
        }
        // Every action state was passed on once: after each reconnect only what had changed.
        foreach (var states in actions.GroupBy(a => a.Id.Name))
        {
            var list = states.ToList();
            for (int i = 1; i < list.Count; i++)
            {
                Assert.NotEqual(list[i - 1], list[i]);
            }
        }
        Assert.Equal(Naps + 1, actions.Select(a => a.Id.Name).Distinct().Count());
        Assert.Single(actions, a => a.Id.Name == RemoteRun.RootActionName && PhaseNames.IsTerminal(a.Status.Phase));
        // The parent's a0 saw its watch of children cut and reopened it (its log, through the control plane).
        var log = new List<string>();
        await foreach (var line in run.TailLogsAsync(RemoteRun.RootActionName, 1))
        {
            log.Add(line.Message);
        }
        Assert.Contains(log, line => line.Contains("a0: the watch of child actions stopped", StringComparison.Ordinal));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
