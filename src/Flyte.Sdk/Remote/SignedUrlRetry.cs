namespace Flyte.Remote;

/// <summary>
/// How a PUT to a signed URL is retried: after a dropped connection or an answer of 408, 429 or 5xx, up to
/// <see cref="MaxRetries"/> times, waiting <see cref="InitialBackoff"/> doubled each time up to <see cref="MaxBackoff"/>,
/// or what the answer's Retry-After asks, up to <see cref="RetryAfterCap"/>. The defaults are flyte-sdk's.
/// </summary>
internal sealed record SignedUrlRetry(int MaxRetries, TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan RetryAfterCap)
{
    public static SignedUrlRetry Default { get; } = new(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first) when the server asked for none.</summary>
    public TimeSpan BackoffBefore(int retry) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, InitialBackoff.Ticks * (1L << Math.Min(retry - 1, 30))));
}
