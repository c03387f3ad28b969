using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flyte.Tests.Shared;

/// <summary>
/// A throwaway certificate authority and one server certificate it signed, for 127.0.0.1, ::1 and localhost, written as PEM
/// files into a temporary folder (what a TLS server such as nginx reads). Disposing deletes the folder.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly string[] ServerDnsNames = ["localhost"];
    private static readonly IPAddress[] ServerAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    private readonly DirectoryInfo _directory;

    private TestCertificateAuthority(DirectoryInfo directory, X509Certificate2 certificate, X509Certificate2 serverCertificate)
    {
        _directory = directory;
        Certificate = certificate;
        ServerCertificate = serverCertificate;
    }

    /// <summary>The CA's certificate, without its private key: what a client adds to its trust store.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The server's certificate, without its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    public string DirectoryPath => _directory.FullName;

    public string CaCertificatePath => Path.Combine(DirectoryPath, "ca.crt");

    public string ServerCertificatePath => Path.Combine(DirectoryPath, "server.crt");

    public string ServerKeyPath => Path.Combine(DirectoryPath, "server.key");

    public static TestCertificateAuthority Create()
    {
        var now = DateTimeOffset.UtcNow;
        // A little in the past, so a clock read a moment apart by the server or client does not see a certificate from the future.
        var notBefore = now.AddHours(-1);
        var notAfter = now.AddDays(2);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Flyte tests throwaway CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (string name in ServerDnsNames)
        {
            names.AddDnsName(name);
        }
        foreach (var address in ServerAddresses)
        {
            names.AddIpAddress(address);
        }
        serverRequest.CertificateExtensions.Add(names.Build(critical: false));
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        serverRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(serverRequest.PublicKey, critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var server = serverRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        var directory = Directory.CreateTempSubdirectory("flyte-test-ca-");
        var authority = new TestCertificateAuthority(
            directory,
            X509CertificateLoader.LoadCertificate(ca.RawData),
            X509CertificateLoader.LoadCertificate(server.RawData));
        File.WriteAllText(authority.CaCertificatePath, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(authority.ServerCertificatePath, server.ExportCertificatePem() + "\n");
        File.WriteAllText(authority.ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        return authority;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        ServerCertificate.Dispose();
        if (_directory.Exists)
        {
            _directory.Delete(recursive: true);
        }
    }
}
