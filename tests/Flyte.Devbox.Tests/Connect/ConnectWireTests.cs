using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Project;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>
/// The Connect protocol on the devbox's port byte by byte, with plain HTTP requests: statuses, content types, error
/// bodies, envelopes, compression, timeouts and the protocol version header; and what was served before (gRPC,
/// gRPC-Web, other content types, GET requests) served as before.
/// </summary>
public sealed class ConnectWireTests(ConnectDevboxFixture devbox) : IClassFixture<ConnectDevboxFixture>, IDisposable
{
    private const string GetProject = "/flyteidl2.project.ProjectService/GetProject";
    private const string WatchRunDetails = "/flyteidl2.workflow.RunService/WatchRunDetails";
    private const string WatchForUpdates = "/flyteidl2.actions.ActionsService/WatchForUpdates";

    private static readonly RunIdentifier MissingRun = new() { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "no-such-run" };

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_unary_proto_call_answers_200_with_the_response_message()
    {
        var expected = await new ProjectService.ProjectServiceClient(GrpcChannel.ForAddress(devbox.Endpoint))
            .GetProjectAsync(new GetProjectRequest { Id = DevboxHarness.Project });

        using var response = await PostAsync(GetProject, "application/proto", new GetProjectRequest { Id = DevboxHarness.Project }.ToByteArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/proto", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected.ToByteArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_unary_json_call_answers_in_json_and_ignores_unknown_fields()
    {
        var expected = await new ProjectService.ProjectServiceClient(GrpcChannel.ForAddress(devbox.Endpoint))
            .GetProjectAsync(new GetProjectRequest { Id = DevboxHarness.Project });

        using var response = await PostAsync(GetProject, "application/json; charset=utf-8", """{"id":"flytesnacks","noSuchField":[1,2]}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(JsonFormatter.Default.Format(expected), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_unary_error_has_the_codes_http_status_and_the_error_as_json()
    {
        using var response = await PostAsync(GetProject, "application/json", """{"id":"nope"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"code":"not_found","message":"project 'nope' does not exist; the devbox has one project, flytesnacks"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/proto", new byte[] { 0x0a, 0xff, 0x01 })]
    [InlineData("application/json", new byte[] { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'7' })]
    [InlineData("application/json", new byte[] { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xc3, (byte)'"', (byte)'}' })]
    public async Task A_body_that_is_not_the_request_message_is_invalid_argument_naming_its_type(string contentType, byte[] body)
    {
        using var response = await PostAsync(GetProject, contentType, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("""{"code":"invalid_argument","message":"the request body could not be parsed as flyteidl2.project.GetProjectRequest: """,
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/flyteidl2.project.ProjectService/NoSuchMethod", "'flyteidl2.project.ProjectService/NoSuchMethod' is not implemented: the devbox serves no such method")]
    [InlineData("/no.such.Service/Method", "'no.such.Service/Method' is not implemented: the devbox serves no such method")]
    public async Task An_unknown_method_is_unimplemented_501(string path, string message)
    {
        using var response = await PostAsync(path, "application/proto", []);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal($$"""{"code":"unimplemented","message":"{{message}}"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_method_streamed_is_unimplemented_at_the_end_of_the_stream()
    {
        using var response = await PostAsync("/no.such.Service/Method", "application/connect+json", Enveloped(0, "{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/connect+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Enveloped(2, """{"error":{"code":"unimplemented","message":"'no.such.Service/Method' is not implemented: the devbox serves no such method"}}"""u8.ToArray()),
            await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Other_content_types_are_refused_415_as_before()
    {
        using var text = await PostAsync(GetProject, "text/plain", "flytesnacks"u8.ToArray());
        using var latin1 = await PostAsync(GetProject, "application/json; charset=iso-8859-1", """{"id":"flytesnacks"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, latin1.StatusCode);
    }

    [Fact]
    public async Task A_unary_method_refuses_a_streaming_content_type_and_a_streaming_method_a_unary_one()
    {
        using var unary = await PostAsync(GetProject, "application/connect+proto", Enveloped(0, []));
        using var streaming = await PostAsync(WatchRunDetails, "application/json", "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unary.StatusCode);
        Assert.Equal("application/proto, application/json", unary.Headers.GetValues("Accept-Post").Single());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, streaming.StatusCode);
        Assert.Equal("application/connect+proto, application/connect+json", streaming.Headers.GetValues("Accept-Post").Single());
    }

    [Fact]
    public async Task A_failed_stream_is_http_200_with_one_end_of_stream_envelope_carrying_the_error()
    {
        var request = new WatchRunDetailsRequest { RunId = MissingRun }.ToByteArray();

        using var response = await PostAsync(WatchRunDetails, "application/connect+proto", Enveloped(0, request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/connect+proto", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Enveloped(2, """{"error":{"code":"not_found","message":"run no-such-run does not exist in flytesnacks/development"}}"""u8.ToArray()),
            await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("application/connect+proto")]
    [InlineData("application/connect+json")]
    public async Task A_stream_sends_each_message_in_an_envelope_then_ends_at_its_deadline(string contentType)
    {
        var request = new WatchForUpdatesRequest { ParentActionId = new ActionIdentifier { Run = MissingRun, Name = "a0" } };
        var sentinel = new WatchForUpdatesResponse { ControlMessage = new ControlMessage { Sentinel = true } };
        bool json = contentType.EndsWith("json", StringComparison.Ordinal);
        byte[] body = json ? Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(request)) : request.ToByteArray();

        using var response = await PostAsync(WatchForUpdates, contentType, Enveloped(0, body), ("Connect-Timeout-Ms", "500"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // JSON as Google.Protobuf's formatter writes it (with a space after each colon, where connect-go writes none).
        byte[] first = json ? Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(sentinel)) : sentinel.ToByteArray();
        byte[] end = """{"error":{"code":"deadline_exceeded","message":"the call's deadline passed: it ran longer than its Connect-Timeout-Ms of 500 ms"}}"""u8.ToArray();
        byte[] expected = [.. Enveloped(0, first), .. Enveloped(2, end)];
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Gzip_requests_are_decompressed_unary_and_streaming()
    {
        using var unary = await PostAsync(GetProject, "application/proto", Gzip(new GetProjectRequest { Id = DevboxHarness.Project }.ToByteArray()),
            ("Content-Encoding", "gzip"));
        using var streaming = await PostAsync(WatchRunDetails, "application/connect+proto",
            Enveloped(1, Gzip(new WatchRunDetailsRequest { RunId = MissingRun }.ToByteArray())), ("Connect-Content-Encoding", "gzip"));

        Assert.Equal(HttpStatusCode.OK, unary.StatusCode);
        Assert.Equal(DevboxHarness.Project, GetProjectResponse.Parser.ParseFrom(await unary.Content.ReadAsByteArrayAsync()).Project.Id);
        // The devbox read the run's name from the compressed message.
        Assert.Contains("run no-such-run does not exist", Encoding.UTF8.GetString(await streaming.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Another_compression_is_unimplemented_naming_gzip()
    {
        using var response = await PostAsync(GetProject, "application/proto", [], ("Content-Encoding", "br"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("""{"code":"unimplemented","message":"unknown compression 'br': the devbox accepts gzip and identity"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stream_of_a_compressed_message_without_an_encoding_or_of_two_messages_is_refused_at_its_end()
    {
        byte[] message = new WatchRunDetailsRequest { RunId = MissingRun }.ToByteArray();

        using var compressed = await PostAsync(WatchRunDetails, "application/connect+proto", Enveloped(1, message));
        using var two = await PostAsync(WatchRunDetails, "application/connect+proto", [.. Enveloped(0, message), .. Enveloped(0, message)]);
        using var cut = await PostAsync(WatchRunDetails, "application/connect+proto", Enveloped(0, message)[..^2]);

        Assert.Contains("""{"error":{"code":"internal","message":"protocol error: sent compressed message without compression support""",
            Encoding.UTF8.GetString(await compressed.Content.ReadAsByteArrayAsync()));
        Assert.Contains("""{"error":{"code":"unimplemented","message":"the request stream of a server-streaming call has more than one message""",
            Encoding.UTF8.GetString(await two.Content.ReadAsByteArrayAsync()));
        Assert.Contains($$$"""{"error":{"code":"invalid_argument","message":"protocol error: promised {{{message.Length}}} bytes in enveloped message, got {{{message.Length - 2}}} bytes"}}""",
            Encoding.UTF8.GetString(await cut.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("0", HttpStatusCode.GatewayTimeout, """{"code":"deadline_exceeded","message":"the call's deadline passed: it ran longer than its Connect-Timeout-Ms of 0 ms"}""")]
    [InlineData("12345678901", HttpStatusCode.BadRequest, """{"code":"invalid_argument","message":"Connect-Timeout-Ms must be a number of milliseconds of at most 10 digits, not '12345678901'"}""")]
    [InlineData("-5", HttpStatusCode.BadRequest, """{"code":"invalid_argument","message":"Connect-Timeout-Ms must be a number of milliseconds of at most 10 digits, not '-5'"}""")]
    public async Task The_timeout_header_is_checked_and_kept(string timeout, HttpStatusCode status, string body)
    {
        using var response = await PostAsync(GetProject, "application/json", """{"id":"flytesnacks"}"""u8.ToArray(), ("Connect-Timeout-Ms", timeout));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_protocol_version_header_is_optional_but_must_be_1_when_sent()
    {
        using var one = await PostAsync(GetProject, "application/json", """{"id":"flytesnacks"}"""u8.ToArray(), ("Connect-Protocol-Version", "1"));
        using var two = await PostAsync(GetProject, "application/json", """{"id":"flytesnacks"}"""u8.ToArray(), ("Connect-Protocol-Version", "2"));

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Equal("""{"code":"invalid_argument","message":"Connect-Protocol-Version must be \"1\": got '2'"}""", await two.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_message_over_the_grpc_limit_is_resource_exhausted()
    {
        byte[] body = new GetProjectRequest { Id = new string('x', 4 * 1024 * 1024) }.ToByteArray();

        using var response = await PostAsync(GetProject, "application/proto", body);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("""{"code":"resource_exhausted","message":"the request message is larger than the devbox's maximum of 4194304 bytes"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Connect_calls_are_served_over_cleartext_http2_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, devbox.Endpoint + GetProject)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = Content("application/json", """{"id":"flytesnacks"}"""u8.ToArray()),
        };

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DevboxHarness.Project, JsonParser.Default.Parse<GetProjectResponse>(await response.Content.ReadAsStringAsync()).Project.Id);
    }

    [Fact]
    public async Task Grpc_grpc_web_and_get_requests_are_served_as_before_on_the_same_port()
    {
        using var grpc = GrpcChannel.ForAddress(devbox.Endpoint);
        using var grpcWeb = GrpcChannel.ForAddress(devbox.Endpoint, new GrpcChannelOptions { HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()) });

        var overGrpc = await new ProjectService.ProjectServiceClient(grpc).GetProjectAsync(new GetProjectRequest { Id = DevboxHarness.Project });
        var overGrpcWeb = await new ProjectService.ProjectServiceClient(grpcWeb).GetProjectAsync(new GetProjectRequest { Id = DevboxHarness.Project });
        var missing = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            new ProjectService.ProjectServiceClient(grpcWeb).GetProjectAsync(new GetProjectRequest { Id = "nope" }).ResponseAsync);
        using var root = await _http.GetAsync(devbox.Endpoint + "/");
        using var method = await _http.GetAsync(devbox.Endpoint + GetProject);

        Assert.Equal(DevboxHarness.Project, overGrpc.Project.Id);
        Assert.Equal(DevboxHarness.Project, overGrpcWeb.Project.Id);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, missing.StatusCode);
        // GET / is the web console's page (docs/console.md); a GET of a method's path is nothing.
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("/console/console.js", await root.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, method.StatusCode);
        Assert.StartsWith($"Nothing is served at GET '{GetProject}'", await method.Content.ReadAsStringAsync());
    }

    /// <summary>An envelope as the protocol lays it out: flags, length as 4 bytes big-endian, the message.</summary>
    private static byte[] Enveloped(byte flags, byte[] message) =>
        [flags, (byte)(message.Length >> 24), (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static ByteArrayContent Content(string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, devbox.Endpoint + path) { Content = Content(contentType, body) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return _http.SendAsync(request);
    }
}
