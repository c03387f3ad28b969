using System.Collections.Concurrent;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Tasks that exercise the local engine's semantics. Counters are keyed by a test's own id, so tests stay independent.</summary>
[TaskEnvironment("engine")]
public static partial class Engine
{
    public static readonly ConcurrentDictionary<string, int> Calls = new();
    private static int _running;
    private static int _maxRunning;

    public static int MaxRunning => Volatile.Read(ref _maxRunning);

    public static void ResetConcurrency() { _running = 0; _maxRunning = 0; }

    private static int Count(string key) => Calls.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Fails its first <paramref name="failures"/> attempts recoverably (a type derived from RecoverableException), then succeeds.</summary>
    [Task(Retries = 2)]
    public static int Flaky(string key, int failures, ITaskContext context)
    {
        int call = Count(key);
        if (call <= failures)
        {
            throw new GatewayBusyException($"attempt {context.Attempt} of {key} failed");
        }
        return context.Attempt;
    }

    /// <summary>Fails its first <paramref name="failures"/> attempts with a plain exception, then would succeed.</summary>
    [Task(Retries = 2)]
    public static int Broken(string key, int failures, ITaskContext context)
    {
        int call = Count(key);
        if (call <= failures)
        {
            throw new InvalidOperationException($"attempt {context.Attempt} of {key} failed");
        }
        return context.Attempt;
    }

    [Task(Timeout = "300ms")]
    public static async Task<int> Slow(string key, CancellationToken cancellationToken)
    {
        Count(key);
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return 1;
    }

    [Task(Timeout = "200ms", Retries = 1)]
    public static async Task<int> SlowWithRetry(string key, CancellationToken cancellationToken)
    {
        Count(key);
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return 1;
    }

    [Task(Cache = true, CacheVersion = "1", CacheIgnoredInputs = new[] { "note" })]
    public static int Cached(string key, int x, string note)
    {
        Count(key);
        return x * 10;
    }

    [Task]
    public static async Task<int> Busy(int i)
    {
        int now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }
        await Task.Delay(50);
        Interlocked.Decrement(ref _running);
        return i;
    }

    [Workflow]
    public static async Task<int> FanOut(int n)
    {
        int[] results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => Busy(i)));
        return results.Sum();
    }

    [Task]
    public static async Task<int> Forever(string key, CancellationToken cancellationToken = default)
    {
        Count(key);
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return 0;
    }

    [Workflow]
    public static async Task<int> WaitsForever(string key) => await Forever(key);

    [Task]
    public static int Boom(int x) => Throw(x);

    private static int Throw(int x) => throw new ArgumentException($"bad x: {x}");

    [Workflow]
    public static async Task<string> Guarded(int x)
    {
        try
        {
            await Task.Yield();
            return Boom(x).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Flyte.Local.TaskFailedException e)
        {
            return "recovered from " + e.TaskName;
        }
    }

    [Workflow]
    public static async Task<int> TwiceSame(int x)
    {
        int a = await Pipeline.Square(x);
        int b = await Pipeline.Square(x);
        return a + b;
    }
}
