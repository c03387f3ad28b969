using System.ComponentModel;
using Flyte.Execution;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>Used by generated call sites of [Trace] methods: run the method as a recorded step of the running task.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TraceCalls
{
    /// <summary>
    /// Runs <paramref name="body"/> as the trace <paramref name="trace"/> of the running task, or returns the result an
    /// earlier attempt recorded for the same call (docs/traces.md).
    /// </summary>
    /// <param name="runner">The running task's runner (<see cref="FlyteContext.Current"/>).</param>
    /// <param name="inputs">The call's inputs as literals: they name the call and are recorded with it.</param>
    /// <param name="body">The method itself.</param>
    /// <param name="encodeOutputs">The result as output literals, recorded for a retried attempt.</param>
    /// <param name="decodeOutputs">A recorded result, from its literals.</param>
    public static async Task<TResult> RunAsync<TResult>(ITaskRunner runner, TraceDefinition trace, LiteralMap inputs,
        Func<Task<TResult>> body, Func<TResult, LiteralMap> encodeOutputs, Func<LiteralMap, TResult> decodeOutputs)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(encodeOutputs);
        ArgumentNullException.ThrowIfNull(decodeOutputs);
        if (runner is not ITraceRunner traces)
        {
            return await body().ConfigureAwait(false);
        }
        var call = await traces.BeginTraceAsync(trace, inputs, CancellationToken.None).ConfigureAwait(false);
        if (call.Replay is { } replay)
        {
            return decodeOutputs(replay.Outputs ?? throw replay.Failure!);
        }
        var started = DateTimeOffset.UtcNow;
        TResult result;
        LiteralMap outputs;
        try
        {
            using (FlyteContext.EnterTrace(call.Scope))
            {
                result = await body().ConfigureAwait(false);
            }
            outputs = encodeOutputs(result);
        }
        catch (Exception e)
        {
            await traces.RecordTraceAsync(call, TraceOutcome.Failed(ContainerErrors.FromUser(e), started), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await traces.RecordTraceAsync(call, TraceOutcome.Succeeded(outputs, started), CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="body"/>, which has no result, as the trace <paramref name="trace"/>.</summary>
    public static Task RunAsync(ITaskRunner runner, TraceDefinition trace, LiteralMap inputs, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(runner, trace, inputs, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        }, static _ => new LiteralMap(), static _ => true);
    }
}
