namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>Waits for a state rather than for a time: polls until the condition holds, and fails after a generous bound, saying what it waited for and how long.</summary>
internal static class Until
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? DefaultBound;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"gave up after {limit.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(50);
        }
    }
}
