using Flyte.Generation;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Tests.EndToEnd;
using RunLayout = Flyte.Local.RunLayout;
using Flyteidl2.Auth;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Auth;

/// <summary>
/// A devbox that takes bearer tokens from a real OpenID Connect provider (oidc-provider on loopback): AuthMetadataService
/// answers anyone, a token of the provider's lets calls through, and a missing, forged, expired or other-audience token
/// is UNAUTHENTICATED with a message saying which, over gRPC and gRPC-Web, with nothing deployed or started.
/// </summary>
public sealed class DevboxAuthTests(OidcProviderFixture oidc) : IClassFixture<OidcProviderFixture>, IAsyncLifetime
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuthMetadataService_answers_without_a_token_with_the_issuers_endpoints_and_the_public_client(bool grpcWeb)
    {
        using var channel = Channel(token: null, grpcWeb);
        var service = new AuthMetadataService.AuthMetadataServiceClient(channel);

        var metadata = await service.GetOAuth2MetadataAsync(new GetOAuth2MetadataRequest());
        var client = await service.GetPublicClientConfigAsync(new GetPublicClientConfigRequest());

        Assert.Equal(oidc.Issuer, metadata.Issuer);
        Assert.Equal(oidc.AuthorizationEndpoint, metadata.AuthorizationEndpoint);
        Assert.Equal(oidc.TokenEndpoint, metadata.TokenEndpoint);
        Assert.Equal(oidc.DeviceAuthorizationEndpoint, metadata.DeviceAuthorizationEndpoint);
        Assert.Equal(oidc.JwksUri, metadata.JwksUri);
        Assert.Contains("S256", metadata.CodeChallengeMethodsSupported);
        Assert.Contains("urn:ietf:params:oauth:grant-type:device_code", metadata.GrantTypesSupported);
        Assert.Equal(OidcProviderFixture.PublicClientId, client.ClientId);
        Assert.Equal("authorization", client.AuthorizationMetadataKey);
        Assert.Equal(OidcProviderFixture.Audience, client.Audience);
        Assert.Equal(DevboxAuthOptions.DefaultRedirectUri, client.RedirectUri);
        Assert.Equal(["openid", "offline_access", "all"], client.Scopes);
    }

    [Fact]
    public async Task A_token_from_the_issuer_deploys_and_runs_a_task()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");

        var run = await _harness.StartRunAsync(tasks["quickstart.Square"], new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(7) } });

        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(run)).Action.Status.Phase);
        Assert.Equal(49, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task A_token_from_the_issuer_passes_over_grpc_web()
    {
        await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        using var channel = Channel(_token, grpcWeb: true);

        var listed = await new TaskService.TaskServiceClient(channel).ListTasksAsync(new ListTasksRequest { ProjectId = Project });

        Assert.Equal(["quickstart.Square"], listed.Tasks.Select(task => task.TaskId.Name));
    }

    [Theory]
    [InlineData("none", false)]
    [InlineData("none", true)]
    [InlineData("forged", false)]
    [InlineData("forged", true)]
    [InlineData("other audience", false)]
    [InlineData("other audience", true)]
    [InlineData("not a JWT", false)]
    public async Task A_refused_token_is_UNAUTHENTICATED_saying_why_and_changes_nothing(string credential, bool grpcWeb)
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        (string? token, string expected) = credential switch
        {
            "none" => ((string?)null, "no bearer token: this devbox needs 'authorization: Bearer <access token>' with a token from " + oidc.Issuer),
            "forged" => (Forged(_token), $"the bearer token's signature is invalid: no key of {oidc.Issuer} signed it"),
            "other audience" => (await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret,
                OidcProviderFixture.OtherAudience, CancellationToken.None), $"the bearer token is for audience '{OidcProviderFixture.OtherAudience}', not this devbox's 'urn:flyte'"),
            _ => ("not-a-jwt", "the bearer token is not a JWT"),
        };

        using var channel = Channel(token, grpcWeb);
        await AssertRefusedAsync(channel, tasks["quickstart.Square"], expected);

        await AssertNothingNewAsync();
    }

    [Fact]
    public async Task An_expired_token_is_UNAUTHENTICATED_saying_so_over_grpc_and_grpc_web()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        string shortLived = await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ShortLivedClientId, OidcProviderFixture.ShortLivedClientSecret, CancellationToken.None);
        using (var fresh = Channel(shortLived, grpcWeb: false))
        {
            await new TaskService.TaskServiceClient(fresh).ListTasksAsync(new ListTasksRequest { ProjectId = Project });
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(Claims(shortLived).GetProperty("exp").GetInt64());
        var skew = new DevboxAuthOptions { Issuer = oidc.Issuer }.ClockSkew;
        await Task.Delay(expires + skew + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow);

        foreach (bool grpcWeb in new[] { false, true })
        {
            using var channel = Channel(shortLived, grpcWeb);
            await AssertRefusedAsync(channel, tasks["quickstart.Square"], $"the bearer token expired at {expires.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; get a new one from {oidc.Issuer}");
        }
        await AssertNothingNewAsync();
    }

    [Fact]
    public async Task Signed_storage_urls_need_no_token()
    {
        var square = (await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"))["quickstart.Square"];
        var link = await _harness.DataProxy.CreateDownloadLinkAsync(new Flyteidl2.Dataproxy.CreateDownloadLinkRequest
        {
            ArtifactType = Flyteidl2.Dataproxy.ArtifactType.CodeBundle,
            TaskId = square,
        });

        using var http = new HttpClient();
        byte[] downloaded = await http.GetByteArrayAsync(Assert.Single(link.PreSignedUrls.SignedUrl));

        Assert.Equal(square.Version, Convert.ToHexStringLower(MD5.HashData(downloaded)));
    }

    private static readonly ProjectIdentifier Project = new() { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    private async Task AssertRefusedAsync(GrpcChannel channel, TaskIdentifier deployed, string expected)
    {
        var tasks = new TaskService.TaskServiceClient(channel);
        var spec = (await _harness.Tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = deployed })).Details.Spec;
        var intruder = deployed.Clone();
        intruder.Name = "quickstart.Intruder";

        var deploy = await Assert.ThrowsAsync<RpcException>(() => tasks.DeployTaskAsync(new DeployTaskRequest { TaskId = intruder, Spec = spec }).ResponseAsync);
        var run = await Assert.ThrowsAsync<RpcException>(() => new RunService.RunServiceClient(channel).CreateRunAsync(new CreateRunRequest
        {
            RunId = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "intruder" },
            TaskId = deployed,
            Inputs = RunLayout.ToInputs(new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(1) } }),
        }).ResponseAsync);

        Assert.All(new[] { deploy, run }, error =>
        {
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.Equal(expected, error.Status.Detail);
        });
    }

    /// <summary>Seen with a valid token: only the task the test deployed, and no run.</summary>
    private async Task AssertNothingNewAsync()
    {
        var listedTasks = await _harness.Tasks.ListTasksAsync(new ListTasksRequest { ProjectId = Project });
        var listedRuns = await _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = Project, Request = new ListRequest { Limit = 100 } });
        Assert.Equal(["quickstart.Square"], listedTasks.Tasks.Select(task => task.TaskId.Name));
        Assert.Empty(listedRuns.Runs);
    }

    private GrpcChannel Channel(string? token, bool grpcWeb)
    {
        HttpMessageHandler handler = new SocketsHttpHandler();
        if (grpcWeb)
        {
            handler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, handler);
        }
        if (token is not null)
        {
            handler = new BearerTokenHandler(token, handler);
        }
        return GrpcChannel.ForAddress(_harness.Devbox.Endpoint, new GrpcChannelOptions { HttpHandler = handler });
    }

    /// <summary>The token's header and claims, signed again with a key of the test's own (same kid, so only the signature is wrong).</summary>
    private static string Forged(string token)
    {
        string[] parts = token.Split('.');
        using var key = RSA.Create(2048);
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    private static JsonElement Claims(string jwt)
    {
        string payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }
}
