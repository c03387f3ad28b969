using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>The throwaway CA the TLS proxy tests stand on: PEM files a server reads, a chain a client can build to it.</summary>
public sealed class TestCertificateAuthorityTests
{
    [Fact]
    public void The_server_certificate_names_the_loopback_addresses_and_chains_to_the_CA_alone()
    {
        string folder;
        using (var ca = TestCertificateAuthority.Create())
        {
            folder = ca.DirectoryPath;
            using var server = X509Certificate2.CreateFromPemFile(ca.ServerCertificatePath, ca.ServerKeyPath);
            using var authority = X509CertificateLoader.LoadCertificateFromFile(ca.CaCertificatePath);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

            Assert.True(server.HasPrivateKey);
            Assert.Equal(ca.ServerCertificate.Thumbprint, server.Thumbprint);
            Assert.Equal(ca.Certificate.Thumbprint, authority.Thumbprint);
            Assert.True(server.MatchesHostname("localhost"));
            Assert.True(server.MatchesHostname(IPAddress.Loopback.ToString()));
            Assert.True(server.MatchesHostname(IPAddress.IPv6Loopback.ToString()));
            Assert.False(server.MatchesHostname("example.com"));
            Assert.True(chain.Build(server), string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
            Assert.Equal(ca.Certificate.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
        }

        Assert.False(Directory.Exists(folder));
    }
}
