using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Flyte.Devbox.Storage;

namespace Flyte.Devbox.Tests.Storage;

public sealed class CleartextHttp2DetectionTests
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    [Fact]
    public async Task A_preface_arriving_in_pieces_is_http2_and_every_byte_is_left_for_the_next_reader()
    {
        var pipe = new Pipe();
        byte[] settings = [0, 0, 0, 4, 0, 0, 0, 0, 0];
        await pipe.Writer.WriteAsync(Preface.AsMemory(0, 5));

        var detection = CleartextHttp2Detection.StartsWithPrefaceAsync(pipe.Reader, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(detection.IsCompleted);
        await pipe.Writer.WriteAsync(Preface[5..].Concat(settings).ToArray());

        Assert.True(await detection);
        var next = await ReadAvailableAsync(pipe.Reader);
        Assert.Equal(Preface.Concat(settings), next);
    }

    [Theory]
    [InlineData("GET / HTTP/1.0\r\n\r\n")]
    [InlineData("PUT /storage/a?op=put HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("PRI * HTTP/1.1\r\n")]
    public async Task Anything_else_is_http1_and_is_left_unread(string request)
    {
        var pipe = new Pipe();
        var bytes = Encoding.ASCII.GetBytes(request);
        await pipe.Writer.WriteAsync(bytes);

        Assert.False(await CleartextHttp2Detection.StartsWithPrefaceAsync(pipe.Reader, CancellationToken.None));
        Assert.Equal(bytes, await ReadAvailableAsync(pipe.Reader));
    }

    [Fact]
    public async Task A_connection_closed_inside_the_preface_is_http1()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Preface.AsMemory(0, 10));
        await pipe.Writer.CompleteAsync();

        Assert.False(await CleartextHttp2Detection.StartsWithPrefaceAsync(pipe.Reader, CancellationToken.None));
    }

    /// <summary>What a next reader gets at once: it must not wait for bytes that have already arrived.</summary>
    private static async Task<byte[]> ReadAvailableAsync(PipeReader reader)
    {
        var result = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var bytes = result.Buffer.ToArray();
        reader.AdvanceTo(result.Buffer.End);
        return bytes;
    }
}
