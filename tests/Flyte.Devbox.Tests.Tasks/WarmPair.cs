using Flyte;

namespace DevboxTests;

/// <summary>A reusable environment of one worker that runs two actions at a time: the tests count how many overlap.</summary>
[TaskEnvironment("warm-pair")]
[Reusable(Replicas = 1, Concurrency = 2)]
public static partial class WarmPair
{
    private static int s_inFlight;
    private static int s_mostAtOnce;

    /// <summary>
    /// Counts itself in while it runs and returns the most actions this process has seen at once. One that waits for a
    /// partner stays until another action runs beside it (60 s at most).
    /// </summary>
    [Task]
    public static async Task<int> Overlap(bool waitForPartner)
    {
        int now = Interlocked.Increment(ref s_inFlight);
        int most;
        while ((most = Volatile.Read(ref s_mostAtOnce)) < now && Interlocked.CompareExchange(ref s_mostAtOnce, now, most) != most)
        {
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (waitForPartner && Volatile.Read(ref s_inFlight) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        await Task.Delay(50);
        Interlocked.Decrement(ref s_inFlight);
        return Volatile.Read(ref s_mostAtOnce);
    }
}
