using Flyte;
using Flyte.Tasks;

namespace DevboxTests;

/// <summary>
/// Tasks of a reusable environment: they say which process ran them and what its static state holds, so the tests see
/// that one worker runs many actions (docs/workers.md).
/// </summary>
[TaskEnvironment("warm")]
[Reusable(Replicas = 2, MinReplicas = 1, Concurrency = 1)]
public static partial class Warm
{
    private static int s_calls;

    /// <summary>The process that ran the action, and a line in the action's log.</summary>
    [Task]
    public static int ProcessId(int x)
    {
        Console.WriteLine($"warm.ProcessId {x} in process {Environment.ProcessId}");
        return Environment.ProcessId;
    }

    /// <summary>How many actions this process has run through here: static state outlives the action.</summary>
    [Task]
    public static int Calls(int x) => Interlocked.Increment(ref s_calls);

    /// <summary>Naps, then says which process ran it; retried once, so a worker killed during the nap costs one attempt.</summary>
    [Task(Retries = 1)]
    public static async Task<int> NapThenProcessId(int milliseconds, CancellationToken cancellationToken = default)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return Environment.ProcessId;
    }

    /// <summary>Sleeps until cancelled, and says so in its log, as it says when it starts.</summary>
    [Task]
    public static async Task<int> SleepUntilCancelled(int seconds, CancellationToken cancellationToken = default)
    {
        Console.WriteLine("warm.SleepUntilCancelled: sleeping");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            return seconds;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("warm.SleepUntilCancelled: cancelled");
            throw;
        }
    }

    /// <summary>Sleeps longer than its timeout allows.</summary>
    [Task(Timeout = "2s")]
    public static async Task<int> OverstayTimeout(int seconds, CancellationToken cancellationToken = default)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return seconds;
    }
}
