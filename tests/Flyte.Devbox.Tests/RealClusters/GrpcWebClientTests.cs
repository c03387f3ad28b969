using Flyte.Remote;
using Flyteidl2.Common;

using Flyte.Devbox.Tests.EndToEnd;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>
/// A control plane behind a proxy that passes HTTP/1.1 only (Debian's nginx with proxy_http_version 1.1, as many
/// ingresses and load balancers): with the gRPC-Web transport deploy, run, watch and outputs all go through it; the
/// gRPC transport fails there with one line that suggests gRPC-Web.
/// </summary>
public sealed class GrpcWebClientTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private NginxProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _proxy = await NginxProxy.StartHttp1Async(new Uri(_harness.Devbox.Endpoint));
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private RemoteOptions Options(RemoteTransport transport) => new()
    {
        Endpoint = _proxy.Endpoint.AbsoluteUri.TrimEnd('/'),
        Project = DevboxHarness.Project,
        Domain = DevboxHarness.Domain,
        Transport = transport,
    };

    [Fact]
    public async Task Deploy_run_watch_and_outputs_go_through_an_http1_proxy_with_grpc_web()
    {
        using var remote = FlyteRemote.Connect(Options(RemoteTransport.GrpcWeb));

        var deployment = await QuickstartThroughRemote.DeployAsync(remote);
        var run = await QuickstartThroughRemote.StartMeanAsync(remote, deployment);
        var actions = new List<Flyteidl2.Workflow.Action>();
        await foreach (var action in run.WatchActionsAsync())
        {
            actions.Add(action);
        }
        var phases = new List<ActionPhase>();
        var final = await run.WaitAsync(new SynchronousProgress<Flyteidl2.Workflow.RunDetails>(d => phases.Add(d.Action.Status.Phase)));

        Assert.Equal(ActionPhase.Succeeded, final.Action.Status.Phase);
        Assert.Equal(ActionPhase.Succeeded, phases[^1]);
        // The root and its ten Square children, each seen through the proxy's stream.
        Assert.Equal(11, actions.Select(a => a.Id.Name).Distinct().Count());
        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.MeanAsync(run));
    }

    [Fact]
    public async Task The_grpc_transport_fails_there_with_one_line_that_suggests_grpc_web()
    {
        using var remote = FlyteRemote.Connect(Options(RemoteTransport.Grpc));

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => QuickstartThroughRemote.DeployAsync(remote));

        Assert.Equal(
            $"{Options(RemoteTransport.Grpc).Endpoint} does not speak gRPC over HTTP/2 (a proxy, ingress or load balancer that passes HTTP/1.1 only?): "
            + "set admin.transport: grpc-web in your config to use gRPC-Web over HTTP/1.1",
            error.Message);
    }

    /// <summary>Progress reported on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
