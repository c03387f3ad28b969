using Flyte.Devbox.Connect;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>Envelopes of Connect streams, written and read byte by byte.</summary>
public sealed class ConnectEnvelopeTests
{
    [Fact]
    public void A_frame_is_the_flags_the_big_endian_length_and_the_message()
    {
        byte[] message = new byte[300];
        message[0] = 7;

        byte[] frame = ConnectEnvelope.Frame(0x02, message);

        Assert.Equal([0x02, 0x00, 0x00, 0x01, 0x2c, 7], frame[..6]);
        Assert.Equal(305, frame.Length);
        Assert.Equal([0x00, 0, 0, 0, 0], ConnectEnvelope.Frame(0, []));
    }

    [Fact]
    public async Task Envelopes_are_read_in_turn_until_the_stream_ends_between_two()
    {
        using var stream = new MemoryStream([0x01, 0, 0, 0, 2, 0xaa, 0xbb, 0x00, 0, 0, 0, 0]);

        var first = await ConnectEnvelope.ReadAsync(stream, 100, CancellationToken.None);
        var second = await ConnectEnvelope.ReadAsync(stream, 100, CancellationToken.None);
        var end = await ConnectEnvelope.ReadAsync(stream, 100, CancellationToken.None);

        Assert.Equal(0x01, first!.Value.Flags);
        Assert.Equal([0xaa, 0xbb], first.Value.Message);
        Assert.Equal(0x00, second!.Value.Flags);
        Assert.Empty(second.Value.Message);
        Assert.Null(end);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, "protocol error: incomplete envelope: the stream ended 3 bytes into a 5-byte envelope prefix")]
    [InlineData(new byte[] { 0, 0, 0, 0, 10, 1, 2, 3 }, "protocol error: promised 10 bytes in enveloped message, got 3 bytes")]
    public async Task A_stream_that_ends_inside_an_envelope_is_invalid_argument(byte[] bytes, string message)
    {
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<RpcException>(() => ConnectEnvelope.ReadAsync(stream, 100, CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task A_message_longer_than_the_maximum_is_resource_exhausted_before_it_is_read()
    {
        using var stream = new MemoryStream([0, 0x7f, 0xff, 0xff, 0xff]);

        var error = await Assert.ThrowsAsync<RpcException>(() => ConnectEnvelope.ReadAsync(stream, 4096, CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("message size 2147483647 is larger than the devbox's maximum of 4096 bytes", error.Status.Detail);
    }
}
