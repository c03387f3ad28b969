using Flyte.Devbox.Connect;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>The Connect-Timeout-Ms header: 1 to 10 ASCII digits of milliseconds.</summary>
public sealed class ConnectTimeoutTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1500", 1500)]
    [InlineData("0000000042", 42)]
    [InlineData("2147483647", 2147483647)]
    public void Milliseconds_are_read(string header, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ConnectTimeout.Parse(header));

    [Fact]
    public void No_header_is_no_timeout()
    {
        Assert.Null(ConnectTimeout.Parse(null));
        Assert.Null(ConnectTimeout.Parse(""));
    }

    [Fact]
    public void Ten_digits_past_what_a_timer_takes_are_cut_to_the_maximum() =>
        Assert.Equal(ConnectTimeout.Maximum, ConnectTimeout.Parse("9999999999"));

    [Theory]
    [InlineData("12345678901")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("1s")]
    [InlineData("١٢")]
    public void Anything_else_is_invalid_argument(string header)
    {
        var error = Assert.Throws<RpcException>(() => ConnectTimeout.Parse(header));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("Connect-Timeout-Ms must be a number of milliseconds of at most 10 digits, not '", error.Status.Detail);
    }
}
