using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Sdk.Tests;

/// <summary>C# → Literal → bytes → Literal → task → Literal → bytes → Literal → C#, all through generated code.</summary>
internal static class WireRoundTrip
{
    public static async Task<T> Run<T>(TaskDefinition task, LiteralMap inputs, Func<LiteralMap, T> decodeOutputs)
    {
        var received = LiteralMap.Parser.ParseFrom(inputs.ToByteArray());
        var outputs = await task.InvokeAsync(received, TaskContext.Detached, CancellationToken.None);
        var returned = LiteralMap.Parser.ParseFrom(outputs.ToByteArray());
        return decodeOutputs(returned);
    }
}
