using Flyte.Tasks;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Tasks that write reports (<see cref="ITaskContext.Report"/>).</summary>
[TaskEnvironment("reports")]
public static partial class Reports
{
    [Task(Report = true)]
    public static Task<int> Summarize(List<int> values, ITaskContext context)
    {
        context.Report.Log(ReportHtml.Text($"{values.Count} values <summed>"));
        context.Report.Tab("data").Log(ReportHtml.Table(["value"], values.Select(v => (IReadOnlyList<object?>)[v])));
        return Task.FromResult(values.Sum());
    }

    /// <summary>Writes a line, then fails: the report of the failed attempt is kept too.</summary>
    [Task]
    public static Task<int> FailAfterLogging(int x, ITaskContext context)
    {
        context.Report.Log(ReportHtml.Text($"started with {x}"));
        throw new InvalidOperationException("no result today");
    }

    [Task]
    public static Task<int> Quiet(int x) => Task.FromResult(x);
}
