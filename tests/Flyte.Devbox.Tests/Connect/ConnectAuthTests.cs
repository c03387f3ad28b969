using System.Net;
using System.Text;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Auth;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>
/// A devbox with authentication (tokens from a real OpenID Connect provider, oidc-provider) called over Connect:
/// AuthMetadataService answers anyone, every other call needs a token, and a call without one fails unauthenticated
/// (HTTP 401 for a unary call, the end of the stream for a streaming one) before any service runs.
/// </summary>
public sealed class ConnectAuthTests(OidcProviderFixture oidc) : IClassFixture<OidcProviderFixture>, IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _token = await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, CancellationToken.None);
        _harness = await DevboxHarness.StartAsync(
            configure: options => options with { Auth = new DevboxAuthOptions { Issuer = oidc.Issuer } },
            bearerToken: _token);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static ProjectIdentifier Project => new() { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task AuthMetadataService_answers_without_a_token(string codec)
    {
        var metadata = (await CallAsync(AuthMetadataService.Descriptor, "GetOAuth2Metadata", codec, new GetOAuth2MetadataRequest())).Single<GetOAuth2MetadataResponse>();
        var client = (await CallAsync(AuthMetadataService.Descriptor, "GetPublicClientConfig", codec, new GetPublicClientConfigRequest()))
            .Single<GetPublicClientConfigResponse>();

        Assert.Equal(oidc.Issuer, metadata.Issuer);
        Assert.Equal(oidc.TokenEndpoint, metadata.TokenEndpoint);
        Assert.Equal(OidcProviderFixture.PublicClientId, client.ClientId);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task Without_a_token_a_call_is_unauthenticated_saying_why(string codec)
    {
        string expected = $"no bearer token: this devbox needs 'authorization: Bearer <access token>' with a token from {oidc.Issuer}";

        var listed = await CallAsync(TaskService.Descriptor, "ListTasks", codec, new ListTasksRequest { ProjectId = Project });
        var created = await CallAsync(RunService.Descriptor, "CreateRun", codec, new CreateRunRequest
        {
            RunId = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "intruder" },
        });
        var watched = await CallAsync(RunService.Descriptor, "WatchRunDetails", codec, new WatchRunDetailsRequest
        {
            RunId = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "intruder" },
        });

        Assert.Equal(expected, listed.AssertError("unauthenticated"));
        Assert.Equal(expected, created.AssertError("unauthenticated"));
        Assert.Equal(expected, watched.AssertError("unauthenticated"));
        var runs = await _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = Project, Request = new ListRequest { Limit = 10 } });
        Assert.Empty(runs.Runs);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task A_token_from_the_issuer_lets_unary_and_streaming_calls_through(string codec)
    {
        var options = new ConnectCallOptions { Token = _token };

        var listed = await CallAsync(ProjectServiceDescriptor, "ListProjects", codec, new Flyteidl2.Project.ListProjectsRequest(), options);
        // Past the gate, the service answers: the run does not exist.
        var watched = await CallAsync(RunService.Descriptor, "WatchRunDetails", codec, new WatchRunDetailsRequest
        {
            RunId = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "no-such-run" },
        }, options);

        Assert.Equal(DevboxHarness.Project, Assert.Single(listed.Single<Flyteidl2.Project.ListProjectsResponse>().Projects.Projects_).Id);
        watched.AssertError("not_found");
    }

    [Fact]
    public async Task The_refusal_of_a_unary_call_is_http_401_with_the_error_as_json()
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync($"{_harness.Devbox.Endpoint}/flyteidl2.project.ProjectService/ListProjects", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(
            $$"""{"code":"unauthenticated","message":"no bearer token: this devbox needs 'authorization: Bearer <access token>' with a token from {{oidc.Issuer}}"}""",
            await response.Content.ReadAsStringAsync());
    }

    private static ServiceDescriptor ProjectServiceDescriptor => Flyteidl2.Project.ProjectService.Descriptor;

    private Task<ConnectOutcome> CallAsync(ServiceDescriptor service, string method, string codec, IMessage request, ConnectCallOptions? options = null) =>
        BufConnectClient.CallAsync(_harness.Devbox.Endpoint, service.FindMethodByName(method), codec, request, options);
}
