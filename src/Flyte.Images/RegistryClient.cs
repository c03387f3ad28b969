using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Flyte.Images;

/// <summary>
/// Asks a registry (the Docker Registry HTTP API v2, which every OCI registry serves) whether it has an image, so that an
/// image whose content tag is already there is neither built nor pushed. Anonymous, basic or bearer-token access; plain
/// HTTP only for loopback registries and those named in DOTNET_CONTAINER_INSECURE_REGISTRIES (the .NET SDK's own setting).
/// </summary>
public sealed class RegistryClient(HttpClient http, Func<string, NetworkCredential?>? credentials = null)
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    /// <summary>Whether the registry has <paramref name="reference"/> (<c>registry/repository:tag</c>).</summary>
    public async Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken = default)
    {
        var (registry, repository, tag) = Parse(reference);
        var url = new Uri($"{Scheme(registry)}://{ApiHost(registry)}/v2/{repository}/manifests/{tag}");
        using var response = await SendAsync(url, registry, repository, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            string? token = await TokenAsync(response, registry, repository, cancellationToken).ConfigureAwait(false);
            using var authorized = await SendAsync(url, registry, repository, token, cancellationToken).ConfigureAwait(false);
            return Answer(authorized, reference);
        }
        return Answer(response, reference);
    }

    /// <summary><c>127.0.0.1:5000/app:1</c> → (<c>127.0.0.1:5000</c>, <c>app</c>, <c>1</c>); a name without a registry is Docker Hub's.</summary>
    public static (string Registry, string Repository, string Tag) Parse(string reference)
    {
        var (repository, tag) = ImageReference.Split(reference);
        int slash = repository.IndexOf('/', StringComparison.Ordinal);
        string first = slash < 0 ? "" : repository[..slash];
        bool hasRegistry = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        if (hasRegistry)
        {
            return (first, repository[(slash + 1)..], tag);
        }
        return ("docker.io", slash < 0 ? "library/" + repository : repository, tag);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string registry, string repository, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        foreach (string type in ManifestTypes)
        {
            request.Headers.Accept.ParseAdd(type);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (credentials?.Invoke(registry) is { } basic)
        {
            request.Headers.Authorization = Basic(basic);
        }
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException($"the registry {registry} did not answer for {repository} ({e.Message}); is it running and reachable?", e);
        }
    }

    /// <summary>The bearer token the 401's WWW-Authenticate challenge points at (the registry's token service).</summary>
    private async Task<string?> TokenAsync(HttpResponseMessage challenge, string registry, string repository, CancellationToken cancellationToken)
    {
        var bearer = challenge.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (bearer?.Parameter is not { } parameter)
        {
            return null; // basic-only registry: the retry carries the same credentials and gets its answer
        }
        var fields = ChallengeFields(parameter);
        if (!fields.TryGetValue("realm", out string? realm))
        {
            throw new RegistryException($"the registry {registry} asked for a token without saying where to get one");
        }
        string query = $"service={Uri.EscapeDataString(fields.GetValueOrDefault("service", registry))}&scope={Uri.EscapeDataString(fields.GetValueOrDefault("scope", $"repository:{repository}:pull"))}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{realm}?{query}");
        if (credentials?.Invoke(registry) is { } basic)
        {
            request.Headers.Authorization = Basic(basic);
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException($"the token service of {registry} refused access to {repository} ({(int)response.StatusCode}); log in with `docker login {registry}`");
        }
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return json.RootElement.TryGetProperty("token", out var token) ? token.GetString()
            : json.RootElement.TryGetProperty("access_token", out var access) ? access.GetString() : null;
    }

    private static bool Answer(HttpResponseMessage response, string reference) => response.StatusCode switch
    {
        HttpStatusCode.OK => true,
        HttpStatusCode.NotFound => false,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            throw new RegistryException($"the registry refused to say whether it has {reference} ({(int)response.StatusCode}); log in with `docker login`"),
        _ => throw new RegistryException($"the registry answered {(int)response.StatusCode} {response.ReasonPhrase} when asked for {reference}"),
    };

    private static AuthenticationHeaderValue Basic(NetworkCredential credential) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credential.UserName}:{credential.Password}")));

    /// <summary>realm="…",service="…",scope="…" → a dictionary.</summary>
    private static Dictionary<string, string> ChallengeFields(string parameter)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < parameter.Length)
        {
            int equals = parameter.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            string name = parameter[i..equals].Trim(' ', ',');
            int start = equals + 1;
            string value;
            if (start < parameter.Length && parameter[start] == '"')
            {
                int end = parameter.IndexOf('"', start + 1);
                end = end < 0 ? parameter.Length : end;
                value = parameter[(start + 1)..end];
                i = end + 1;
            }
            else
            {
                int end = parameter.IndexOf(',', start);
                end = end < 0 ? parameter.Length : end;
                value = parameter[start..end];
                i = end;
            }
            fields[name] = value;
        }
        return fields;
    }

    /// <summary>Plain HTTP for loopback and for registries named insecure; HTTPS for the rest.</summary>
    internal static string Scheme(string registry)
    {
        string host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']') + 1)] : registry.Split(':')[0];
        if (host is "localhost" or "127.0.0.1" or "[::1]")
        {
            return "http";
        }
        string insecure = Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES") ?? "";
        return insecure.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(registry, StringComparer.OrdinalIgnoreCase) ? "http" : "https";
    }

    private static string ApiHost(string registry) => registry == "docker.io" ? "registry-1.docker.io" : registry;
}

/// <summary>A registry could not be asked, or refused: the message says which registry and what to do.</summary>
public sealed class RegistryException(string message, Exception? inner = null) : Exception(message, inner);
