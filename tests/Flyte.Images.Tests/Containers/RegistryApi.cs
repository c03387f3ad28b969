using System.Net;
using System.Net.Http;

namespace Flyte.Images.Tests.Containers;

/// <summary>The loopback registry's HTTP API, to see what a builder pushed and to delete it afterwards.</summary>
internal static class RegistryApi
{
    /// <summary>Where the tests push: a repository of their own in the loopback registry.</summary>
    public const string TestRepository = ContainerServices.Registry + "/flyte-images-tests";

    private const string ManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>GET /v2/&lt;repository&gt;/manifests/&lt;tag&gt; of <paramref name="reference"/> (<c>127.0.0.1:5000/repo:tag</c>).</summary>
    public static async Task<HttpStatusCode> GetManifestStatusAsync(string reference, string accept = ManifestV2)
    {
        using var response = await SendAsync(HttpMethod.Get, reference, accept);
        return response.StatusCode;
    }

    /// <summary>Deletes the manifest of <paramref name="reference"/> (by its digest, as the API wants); a missing one is no error.</summary>
    public static async Task DeleteAsync(string reference)
    {
        using var head = await SendAsync(HttpMethod.Head, reference, ManifestV2 + ", " + OciManifest);
        if (!head.IsSuccessStatusCode || !head.Headers.TryGetValues("Docker-Content-Digest", out var digests))
        {
            return;
        }
        var (repository, _) = Split(reference);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"http://{ContainerServices.Registry}/v2/{repository}/manifests/{digests.First()}");
        using var _ = await Http.SendAsync(delete);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpMethod method, string reference, string accept)
    {
        var (repository, tag) = Split(reference);
        using var request = new HttpRequestMessage(method, $"http://{ContainerServices.Registry}/v2/{repository}/manifests/{tag}");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await Http.SendAsync(request);
    }

    private static (string Repository, string Tag) Split(string reference)
    {
        Assert.StartsWith(ContainerServices.Registry + "/", reference);
        var (repository, tag) = ImageReference.Split(reference);
        return (repository[(ContainerServices.Registry.Length + 1)..], tag);
    }
}
