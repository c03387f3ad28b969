using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flyte.Remote.Connection;

/// <summary>
/// How a server's TLS certificate is checked: the system's roots (the default), also a private CA's
/// (<c>caCertFilePath</c>), or not at all (<c>insecureSkipVerify</c>). The host name is always checked except when
/// verification is off.
/// </summary>
internal sealed class ServerCertificateCheck
{
    private readonly bool _skip;
    private readonly X509Certificate2Collection? _roots;

    private ServerCertificateCheck(bool skip, X509Certificate2Collection? roots)
    {
        _skip = skip;
        _roots = roots;
    }

    /// <exception cref="FlyteRemoteException">The CA file cannot be read or holds no certificate.</exception>
    public static ServerCertificateCheck From(bool insecureSkipVerify, string? caCertFilePath)
    {
        if (string.IsNullOrEmpty(caCertFilePath))
        {
            return new ServerCertificateCheck(insecureSkipVerify, null);
        }
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caCertFilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new FlyteRemoteException($"admin.caCertFilePath {caCertFilePath} cannot be read as PEM certificates ({e.Message}): point it at the CA's PEM file", e);
        }
        if (roots.Count == 0)
        {
            throw new FlyteRemoteException($"admin.caCertFilePath {caCertFilePath} holds no PEM certificate: point it at the CA's PEM file");
        }
        return new ServerCertificateCheck(false, roots);
    }

    public void ApplyTo(SslClientAuthenticationOptions options)
    {
        if (_skip)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (_roots is { } roots)
        {
            options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => IsTrusted(roots, certificate, chain, errors);
        }
    }

    private static bool IsTrusted(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // serverAuth: a certificate for TLS servers
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
