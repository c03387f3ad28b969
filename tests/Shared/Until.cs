using System.Diagnostics;

namespace Flyte.Tests.Shared;

/// <summary>
/// Waits for a state rather than for a time: polls the condition until it holds, and fails after a generous bound that the
/// message reports with what was awaited. A busy machine makes a wait longer, never a test red (docs/parallel-tests.md).
/// </summary>
internal static class Until
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? bound = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, bound);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? DefaultBound;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"gave up after {limit.TotalSeconds:0} s waiting for {what}");
            }
            await Task.Delay(PollInterval);
        }
    }
}
