using Flyte.Devbox.Services;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flyte.Devbox.Tests.Execution;

/// <summary>The devbox's last line: no UNKNOWN "Exception was thrown by handler.", and no unbounded error message.</summary>
public sealed class ErrorBoundaryTests
{
    private static readonly ErrorBoundary Boundary = new(NullLogger<ErrorBoundary>.Instance);

    private static Task<string> Call(Func<string> handler) =>
        Boundary.UnaryServerHandler<string, string>("request", new TestCallContext(), (_, _) => Task.FromResult(handler()));

    [Fact]
    public async Task An_exception_of_the_devbox_becomes_INTERNAL_naming_it()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Call(() => throw new InvalidOperationException("the disk is full")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("the devbox failed on /test.Service/Method: InvalidOperationException: the disk is full", error.Status.Detail);
    }

    [Fact]
    public async Task A_long_error_message_is_cut_and_says_how_long_it_was()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Call(() => throw new RpcException(new Status(StatusCode.InvalidArgument, new string('x', 100_000)))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(new string('x', ErrorBoundary.MaximumDetailLength) + "…(100000 characters)", error.Status.Detail);
    }

    [Fact]
    public async Task A_short_RpcException_passes_as_it_is()
    {
        var original = new RpcException(new Status(StatusCode.NotFound, "run r1 does not exist"));

        var error = await Assert.ThrowsAsync<RpcException>(() => Call(() => throw original));

        Assert.Same(original, error);
    }

    private sealed class TestCallContext : ServerCallContext
    {
        protected override string MethodCore => "/test.Service/Method";
        protected override string HostCore => "127.0.0.1";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore => [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore => [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
