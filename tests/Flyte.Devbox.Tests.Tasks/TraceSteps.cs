using Flyte;
using Flyte.Tasks;

namespace DevboxTests;

/// <summary>A task whose first attempt fails after a trace: the retried attempt must replay the trace (docs/traces.md).</summary>
[TaskEnvironment("traces")]
public static partial class TraceSteps
{
    /// <summary>Appends a line to <paramref name="logPath"/> each time its body runs, whichever a0 process runs it.</summary>
    [Trace]
    public static async Task<int> Measure(string logPath, int x)
    {
        await File.AppendAllTextAsync(logPath, "ran\n");
        return x * 3;
    }

    /// <summary>Fails for good: a retried attempt gets the recorded failure back.</summary>
    [Trace]
    public static int Refuse(string logPath)
    {
        File.AppendAllText(logPath, "refused\n");
        throw new ArgumentException("the measure is out of range");
    }

    [Task(Retries = 1)]
    public static async Task<int> MeasureThenFailOnce(string logPath, int x, ITaskContext context)
    {
        int value = await Measure(logPath, x);
        if (context.Attempt == 0)
        {
            throw new RecoverableException("the pod was preempted after the trace");
        }
        return value;
    }

    [Task(Retries = 1)]
    public static Task<string> RefuseThenFailOnce(string logPath, ITaskContext context)
    {
        try
        {
            return Task.FromResult(Refuse(logPath).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
}
