using Flyte.Generation;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests;

/// <summary>A literal of the wrong shape fails with a message naming the input and what was expected.</summary>
public class DecodeErrorTests
{
    [Fact]
    public async Task Wrong_scalar_names_the_input_and_both_types()
    {
        var inputs = new LiteralMap { Literals = { ["v"] = ScalarLiterals.FromString("seven") } };

        var e = await Assert.ThrowsAsync<LiteralConversionException>(() => Echo.FlyteTasks.Int32.InvokeAsync(inputs, TaskContext.Detached, default));

        Assert.Equal("input 'v': expected an INTEGER literal, got a STRING", e.Message);
    }

    [Fact]
    public async Task Missing_input_is_named()
    {
        var e = await Assert.ThrowsAsync<LiteralConversionException>(() => Echo.FlyteTasks.Int32.InvokeAsync(new LiteralMap(), TaskContext.Detached, default));

        Assert.Equal("input 'v' is missing", e.Message);
    }

    [Fact]
    public async Task Out_of_range_integer_names_the_CSharp_type()
    {
        var inputs = new LiteralMap { Literals = { ["v"] = ScalarLiterals.FromInt64(300) } };

        var e = await Assert.ThrowsAsync<LiteralConversionException>(() => Echo.FlyteTasks.Byte.InvokeAsync(inputs, TaskContext.Detached, default));

        Assert.Equal("input 'v': 300 does not fit a C# byte", e.Message);
    }

    [Fact]
    public async Task Bad_collection_element_gives_its_index()
    {
        var inputs = new LiteralMap
        {
            Literals = { ["v"] = CollectionLiterals.FromList(new[] { "1", "x" }, ScalarLiterals.FromString) },
        };

        var e = await Assert.ThrowsAsync<LiteralConversionException>(() => Echo.FlyteTasks.Array.InvokeAsync(inputs, TaskContext.Detached, default));

        Assert.Equal("input 'v': [0]: expected an INTEGER literal, got a STRING", e.Message);
    }

    [Fact]
    public async Task Unknown_enum_member_is_named()
    {
        var inputs = new LiteralMap { Literals = { ["v"] = ScalarLiterals.FromString("Hexagon") } };

        var e = await Assert.ThrowsAsync<LiteralConversionException>(() => Echo.FlyteTasks.Enum.InvokeAsync(inputs, TaskContext.Detached, default));

        Assert.Equal("input 'v': 'Hexagon' is not a member of enum Shape", e.Message);
    }

    [Fact]
    public async Task Record_missing_a_required_property_is_named()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var msgpack = new MessagePack.MessagePackWriter(writer);
        msgpack.WriteMapHeader(1);
        msgpack.Write("X");
        msgpack.Write(1);
        msgpack.Flush();
        var inputs = new LiteralMap { Literals = { ["v"] = StructLiterals.FromMsgPack(writer.WrittenSpan) } };

        var e = await Assert.ThrowsAsync<LiteralConversionException>(() => Echo.FlyteTasks.Record.InvokeAsync(inputs, TaskContext.Detached, default));

        Assert.Equal("input 'v': Point.Y is missing", e.Message);
    }
}

public class CorruptStructTests
{
    [Fact]
    public async Task Msgpack_of_the_wrong_shape_is_a_conversion_error()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var msgpack = new MessagePack.MessagePackWriter(writer);
        msgpack.WriteArrayHeader(2);
        msgpack.Write(1);
        msgpack.Write(2);
        msgpack.Flush();
        var inputs = new Flyteidl2.Core.LiteralMap { Literals = { ["v"] = Flyte.Generation.StructLiterals.FromMsgPack(writer.WrittenSpan) } };

        var e = await Assert.ThrowsAsync<Flyte.LiteralConversionException>(
            () => Flyte.Sdk.Tests.Tasks.Echo.FlyteTasks.Record.InvokeAsync(inputs, Flyte.Tasks.TaskContext.Detached, default));

        Assert.StartsWith("input 'v': not a valid msgpack Point: ", e.Message);
    }
}
