using Flyte;
using Flyte.Tasks;

namespace DevboxTests;

/// <summary>Tasks that take their time, for aborts, timeouts and restarts in the middle of a run.</summary>
[TaskEnvironment("slow")]
public static partial class Slow
{
    [Task]
    public static async Task<int> Sleep(int seconds, CancellationToken cancellationToken = default)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return seconds;
    }

    [Task(Timeout = "1s")]
    public static async Task<int> TooSlow(int seconds, CancellationToken cancellationToken = default)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return seconds;
    }

    [Task]
    public static async Task<int> Nap(int index, int milliseconds, CancellationToken cancellationToken = default)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return index * 10;
    }

    /// <summary>Naps one after another, so a restart can land while some have finished and some have not.</summary>
    [Workflow]
    public static async Task<int> Naps(int count, int milliseconds)
    {
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            total += await Nap(i, milliseconds);
        }
        return total;
    }

    /// <summary>
    /// Naps side by side: with fewer action slots than nappers, some children run while the others wait for a slot, so
    /// an abort meets both.
    /// </summary>
    [Workflow]
    public static async Task<int> NapsSideBySide(int count, int milliseconds)
    {
        int[] naps = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Nap(i, milliseconds)));
        return naps.Sum();
    }

    /// <summary>
    /// Naps, then fails its first attempt as a lost node would: the retry computes the same child names and must take
    /// the naps already done instead of napping again.
    /// </summary>
    [Workflow(Retries = 1)]
    public static async Task<int> NapsThenStumble(int count, int milliseconds, ITaskContext? context = null)
    {
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            total += await Nap(i, milliseconds);
        }
        if (context?.Attempt is null or 0)
        {
            throw new RecoverableException("the node went away; retrying");
        }
        return total;
    }

    /// <summary>Always fails, and says it is not worth retrying.</summary>
    [Task(Retries = 3)]
    public static int Explode(int x) => throw new InvalidOperationException($"cannot handle {x}");
}
