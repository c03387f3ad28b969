using System.Net;
using Flyte.Devbox.Connect;
using Flyte.Devbox.Services;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>
/// What a service sees of a Connect call: its HttpContext where Grpc.AspNetCore's GetHttpContext looks, the deadline,
/// the request headers as metadata, the peer; and the devbox's ErrorBoundary around it, as on gRPC.
/// </summary>
public sealed class ConnectServerCallContextTests
{
    [Fact]
    public void The_context_carries_the_call_as_grpc_would_show_it()
    {
        var http = new DefaultHttpContext();
        http.Request.Host = new HostString("127.0.0.1", 8090);
        http.Connection.RemoteIpAddress = IPAddress.Parse("::1");
        http.Connection.RemotePort = 5000;
        http.Request.Headers["Authorization"] = "Bearer t";
        http.Request.Headers["X-Trace-Bin"] = "/wA";
        http.Request.Headers["Content-Type"] = "application/proto";
        http.Request.Headers["Connect-Timeout-Ms"] = "1000";
        var before = DateTime.UtcNow;
        using var lifetime = new ConnectCallLifetime(TimeSpan.FromMinutes(1), CancellationToken.None);

        var context = new ConnectServerCallContext(http, "/flyteidl2.task.TaskService/ListTasks", lifetime);

        Assert.Same(http, context.GetHttpContext());
        Assert.Equal("/flyteidl2.task.TaskService/ListTasks", context.Method);
        Assert.Equal("127.0.0.1:8090", context.Host);
        Assert.Equal("ipv6:[::1]:5000", context.Peer);
        Assert.InRange(context.Deadline, before + TimeSpan.FromMinutes(1), DateTime.UtcNow + TimeSpan.FromMinutes(1));
        Assert.Equal(lifetime.Token, context.CancellationToken);
        Assert.Equal(["authorization", "x-trace-bin"], context.RequestHeaders.Select(entry => entry.Key));
        Assert.Equal("Bearer t", context.RequestHeaders.GetValue("authorization"));
        Assert.Equal([0xff, 0x00], context.RequestHeaders.GetValueBytes("x-trace-bin"));
    }

    [Fact]
    public async Task Response_headers_go_to_the_http_response_once()
    {
        var http = new DefaultHttpContext();
        using var lifetime = new ConnectCallLifetime(null, CancellationToken.None);
        var context = new ConnectServerCallContext(http, "/s.S/M", lifetime);

        await context.WriteResponseHeadersAsync(new Metadata { { "x-cost", "3" } });

        Assert.Equal(DateTime.MaxValue, context.Deadline);
        Assert.Equal("3", http.Response.Headers["x-cost"]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.WriteResponseHeadersAsync([]));
    }

    [Fact]
    public async Task The_error_boundary_turns_an_exception_of_the_devbox_into_internal_as_on_grpc()
    {
        var interceptors = new ConnectInterceptors([new ErrorBoundary(NullLogger<ErrorBoundary>.Instance)]);
        UnaryServerMethod<string, string> failing = (_, _) => throw new InvalidOperationException("the disk is full");
        using var lifetime = new ConnectCallLifetime(null, CancellationToken.None);
        var context = new ConnectServerCallContext(new DefaultHttpContext(), "/test.Service/Method", lifetime);

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptors.Wrap(failing)("request", context));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("the devbox failed on /test.Service/Method: InvalidOperationException: the disk is full", error.Status.Detail);
    }

    [Fact]
    public async Task A_deadline_cancels_the_call_and_says_it_passed()
    {
        using var lifetime = new ConnectCallLifetime(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        var never = new TaskCompletionSource();

        bool passedFirst = await lifetime.DeadlinePassesFirstAsync(never.Task).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(passedFirst);
        Assert.True(lifetime.DeadlinePassed);
        Assert.True(lifetime.Token.IsCancellationRequested);
        Assert.Equal("the call's deadline passed: it ran longer than its Connect-Timeout-Ms of 50 ms", lifetime.DeadlineExceeded.Detail);
    }
}
