using System.Text.Json;
using Flyteidl2.Auth;
using Google.Protobuf;

namespace Flyte.Devbox.Auth;

/// <summary>
/// The issuer's OpenID Connect discovery document, read once at start: what AuthMetadataService.GetOAuth2Metadata
/// answers. Reading it at start makes a wrong or unreachable issuer a failed start rather than a devbox nobody can call.
/// </summary>
internal static class IssuerMetadata
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <exception cref="DevboxAuthException">The issuer URL is not one the devbox accepts, cannot be reached, or serves no usable document.</exception>
    public static async Task<GetOAuth2MetadataResponse> FetchAsync(string issuer, CancellationToken cancellationToken)
    {
        var issuerUri = Check(issuer);
        string discovery = $"{issuer.TrimEnd('/')}/.well-known/openid-configuration";
        string body;
        try
        {
            using var http = new HttpClient { Timeout = FetchTimeout };
            using var response = await http.GetAsync(discovery, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DevboxAuthException($"the issuer {issuer} answered {(int)response.StatusCode} for {discovery}: is it an OpenID Connect issuer URL?");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DevboxAuthException($"the issuer {issuer} cannot be reached ({Reason(e)}); start it or check --auth", e);
        }

        GetOAuth2MetadataResponse metadata;
        try
        {
            metadata = Parser.Parse<GetOAuth2MetadataResponse>(body);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or JsonException)
        {
            throw new DevboxAuthException($"{discovery} is not an OpenID Connect discovery document: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        if (!string.Equals(metadata.Issuer.TrimEnd('/'), issuerUri.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new DevboxAuthException($"{discovery} names the issuer '{metadata.Issuer}', not '{issuer}': give --auth the issuer exactly as its tokens name it");
        }
        if (metadata.JwksUri.Length == 0)
        {
            throw new DevboxAuthException($"{discovery} names no jwks_uri: the devbox cannot check the issuer's signatures");
        }
        return metadata;
    }

    /// <summary>An absolute https URL, or http on a loopback host (a test or local identity provider).</summary>
    public static Uri Check(string issuer)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DevboxAuthException($"the issuer '{issuer}' is not an https:// URL");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new DevboxAuthException($"the issuer '{issuer}' is http:// on a host that is not loopback; its keys must come over https://");
        }
        return uri;
    }

    private static string Reason(Exception e) => e switch
    {
        TaskCanceledException => $"no answer in {FetchTimeout.TotalSeconds:0} s",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };
}
