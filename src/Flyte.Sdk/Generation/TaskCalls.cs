using System.ComponentModel;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>Used by generated call sites: run a task through the current runner and decode its outputs.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TaskCalls
{
    /// <summary>Runs <paramref name="task"/> through <paramref name="runner"/> and decodes its outputs.</summary>
    public static Task<TResult> RunAsync<TResult>(ITaskRunner runner, TaskDefinition task, LiteralMap inputs, Func<LiteralMap, TResult> decodeOutputs)
    {
        // Not async itself: a waiting call keeps only what the runner keeps of its inputs, not the literals as well. A
        // failure to start the call still comes back in the task, as it would from an async method.
        Task<LiteralMap> outputs;
        try
        {
            outputs = runner.RunChildAsync(task, inputs, CancellationToken.None);
        }
        catch (Exception e)
        {
            outputs = Task.FromException<LiteralMap>(e);
        }
        return DecodeAsync(outputs, decodeOutputs);
    }

    private static async Task<TResult> DecodeAsync<TResult>(Task<LiteralMap> outputs, Func<LiteralMap, TResult> decodeOutputs) =>
        decodeOutputs(await outputs.ConfigureAwait(false));

    /// <summary>Runs <paramref name="task"/>, which has no result, through <paramref name="runner"/>.</summary>
    public static async Task RunAsync(ITaskRunner runner, TaskDefinition task, LiteralMap inputs)
    {
        await runner.RunChildAsync(task, inputs, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Reads one named value of a literal map, naming it in any error.</summary>
    public static T Decode<T>(LiteralMap map, string name, string role, Func<Flyteidl2.Core.Literal, T> decode)
    {
        if (!map.Literals.TryGetValue(name, out var literal))
        {
            throw new LiteralConversionException($"{role} '{name}' is missing");
        }
        try
        {
            return decode(literal);
        }
        catch (LiteralConversionException e)
        {
            throw new LiteralConversionException($"{role} '{name}': {e.Message}", e);
        }
    }
}
