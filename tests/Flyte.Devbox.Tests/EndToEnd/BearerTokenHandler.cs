using System.Net.Http.Headers;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>Sends <c>authorization: Bearer &lt;token&gt;</c> with every request, as a signed-in client does.</summary>
internal sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
