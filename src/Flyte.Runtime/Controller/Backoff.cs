namespace Flyte.Runtime.Controller;

/// <summary>Exponential back-off for calls to the control plane: 0.2 s, 0.4 s, … capped at 5 s.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, Math.Max(0, failures - 1))));
}
