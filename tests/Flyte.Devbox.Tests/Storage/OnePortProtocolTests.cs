using System.Net;
using System.Net.Sockets;
using System.Text;
using Flyte.Devbox.Storage;
using Flyteidl2.Dataproxy;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>
/// The devbox serves gRPC (cleartext HTTP/2 with prior knowledge, as Grpc.Net.Client dials http:// addresses) and signed
/// URLs (HTTP/1.1, as curl and Python uploaders send) on one port.
/// </summary>
public sealed class OnePortProtocolTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("one port");

    [Fact]
    public async Task Kestrel_alone_answers_cleartext_http2_on_an_http1_and_http2_endpoint_with_http_1_1_required()
    {
        await using var server = await StorageServer.StartAsync(listen: options => options.Protocols = HttpProtocols.Http1AndHttp2);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Uploads.LocationForAsync(server, Content));

        Assert.Contains("HTTP_1_1_REQUIRED", error.Status.Detail);
    }

    [Fact]
    public async Task With_preface_detection_one_endpoint_serves_grpc_and_http1_puts()
    {
        await using var server = await StorageServer.StartAsync();

        var location = await Uploads.LocationForAsync(server, Content);
        using var response = await server.Http.SendAsync(Uploads.Put(location, Content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task With_preface_detection_plain_http2_requests_are_served_too()
    {
        await using var server = await StorageServer.StartAsync();
        var url = server.Urls.ForDownload("missing.bin", DateTimeOffset.UtcNow.AddMinutes(1));
        var request = new HttpRequestMessage(HttpMethod.Get, url)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task A_request_shorter_than_the_preface_is_answered_without_waiting_for_more()
    {
        await using var server = await StorageServer.StartAsync();
        var port = new Uri(server.BaseAddress).Port;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();

        // 18 bytes, a complete HTTP/1.0 request.
        await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(stream);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 404", statusLine);
    }
}
