using System.Collections.Concurrent;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Tasks that call [Trace] methods; each test passes its own key, so the bodies' runs are counted per test.</summary>
[TaskEnvironment("traced")]
public static partial class Traced
{
    private static readonly ConcurrentDictionary<string, int> Runs = new(StringComparer.Ordinal);

    /// <summary>How many times the bodies of the traces called with <paramref name="key"/> ran.</summary>
    public static int RunsOf(string key) => Runs.GetValueOrDefault(key);

    private static int Ran(string key) => Runs.AddOrUpdate(key, 1, static (_, count) => count + 1);

    [Trace]
    public static Task<int> Fetch(string key, int x)
    {
        Ran(key);
        return Task.FromResult(x * 10);
    }

    /// <summary>Fails for good: a non-recoverable error a retried attempt replays.</summary>
    [Trace]
    public static int Explode(string key)
    {
        Ran(key);
        throw new InvalidOperationException($"no data for {key}");
    }

    /// <summary>Fails recoverably the first time, then returns 7.</summary>
    [Trace]
    public static async ValueTask<int> Flaky(string key)
    {
        await Task.Yield();
        if (Ran(key) == 1)
        {
            throw new RecoverableException("the data source is busy");
        }
        return 7;
    }

    /// <summary>A trace without a result.</summary>
    [Trace]
    public static void Note(string key) => Ran(key);

    /// <summary>Calls a task and another trace: both are the task's children, named under this trace's action.</summary>
    [Trace]
    public static async Task<int> Outer(string key, int x) => await Pipeline.Square(x) + await Fetch(key, x);

    /// <summary>Attempt 0 records the trace and then fails recoverably; attempt 1 gets the recorded result.</summary>
    [Task(Retries = 1)]
    public static async Task<int> RetriedAfterTrace(string key, ITaskContext context)
    {
        int value = await Fetch(key, 4);
        Note(key);
        if (context.Attempt == 0)
        {
            throw new RecoverableException("the pod was preempted");
        }
        return value;
    }

    /// <summary>Both attempts see the trace's failure; only attempt 0 runs it.</summary>
    [Task(Retries = 1)]
    public static Task<string> RetriedAfterFailedTrace(string key, ITaskContext context)
    {
        try
        {
            return Task.FromResult($"{Explode(key)}");
        }
        catch (Exception e) when (context.Attempt == 0)
        {
            throw new RecoverableException($"attempt 0 saw {e.GetType().Name}");
        }
        catch (Exception e)
        {
            return Task.FromResult(e.Message);
        }
    }

    /// <summary>A recoverable trace failure fails attempt 0; attempt 1 runs the trace again.</summary>
    [Task(Retries = 1)]
    public static async Task<int> RetriedAfterFlakyTrace(string key) => await Flaky(key);

    [Workflow]
    public static async Task<int> Nested(string key, int x) => await Outer(key, x) + await Pipeline.Square(x);

    /// <summary>The same call twice, and once with other inputs: three traces.</summary>
    [Task]
    public static async Task<int> Repeated(string key) => await Fetch(key, 1) + await Fetch(key, 1) + await Fetch(key, 2);
}
