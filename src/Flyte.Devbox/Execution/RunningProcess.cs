using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Flyte.Devbox.Execution;

/// <summary>
/// A process named by its id and start time: an id alone may be reused by another process once the first has ended,
/// the pair may not.
/// </summary>
internal static class RunningProcess
{
    /// <summary><c>&lt;id&gt; &lt;start time in UTC ticks&gt;</c>.</summary>
    public static string Describe(Process process) =>
        string.Create(CultureInfo.InvariantCulture, $"{process.Id} {process.StartTime.ToUniversalTime().Ticks}");

    /// <summary>The process <paramref name="description"/> names, if it still runs; null otherwise, or for a description that does not parse.</summary>
    public static Process? Find(string description)
    {
        string[] parts = description.Trim().Split(' ');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long startTicks))
        {
            return null;
        }
        Process process;
        try
        {
            process = Process.GetProcessById(id);
        }
        catch (ArgumentException)
        {
            return null; // not running
        }
        try
        {
            if (!process.HasExited && process.StartTime.ToUniversalTime().Ticks == startTicks)
            {
                return process;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It ended while being looked at, or belongs to someone else.
        }
        process.Dispose();
        return null;
    }
}
