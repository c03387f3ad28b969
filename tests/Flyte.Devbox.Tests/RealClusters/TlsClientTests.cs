using Flyte.Remote;

using Flyte.Devbox.Tests.EndToEnd;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>
/// A control plane behind TLS from a private CA (Debian's nginx terminating TLS with a test CA's certificate and passing
/// gRPC to the devbox): the client refuses it without the CA, with one line saying what to set, and works with
/// caCertFilePath or insecureSkipVerify.
/// </summary>
public sealed class TlsClientTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private TestCertificateAuthority _ca = null!;
    private NginxProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _ca = TestCertificateAuthority.Create();
        _proxy = await NginxProxy.StartTlsGrpcAsync(new Uri(_harness.Devbox.Endpoint), _ca);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _ca.Dispose();
        await _harness.DisposeAsync();
    }

    private RemoteOptions Options => new() { Endpoint = _proxy.Endpoint.AbsoluteUri.TrimEnd('/'), Project = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    [Fact]
    public async Task Without_the_ca_the_client_fails_with_one_line_saying_what_to_set()
    {
        using var remote = FlyteRemote.Connect(Options);

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => QuickstartThroughRemote.DeployAsync(remote));

        Assert.StartsWith($"the TLS certificate of {Options.Endpoint} is not trusted (", error.Message);
        Assert.EndsWith("set admin.caCertFilePath to the PEM file of the CA that signed it, or admin.insecureSkipVerify: true for a test cluster", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task With_the_cas_pem_file_deploy_and_run_work_over_tls()
    {
        using var remote = FlyteRemote.Connect(Options with { CaCertFilePath = _ca.CaCertificatePath });

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
    }

    [Fact]
    public async Task With_verification_skipped_deploy_and_run_work_over_tls()
    {
        using var remote = FlyteRemote.Connect(Options with { InsecureSkipVerify = true });

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
    }

    [Fact]
    public void A_ca_file_that_is_not_pem_is_refused_at_connect_naming_the_setting()
    {
        string notPem = Path.Combine(_ca.DirectoryPath, "not-a-cert.txt");
        File.WriteAllText(notPem, "hello");

        var error = Assert.Throws<FlyteRemoteException>(() => FlyteRemote.Connect(Options with { CaCertFilePath = notPem }));

        Assert.StartsWith($"admin.caCertFilePath {notPem} holds no PEM certificate", error.Message);
    }
}
