using Flyte;
using Flyte.Tasks;

namespace Samples;

/// <summary>A point of the training data.</summary>
public sealed record Point(double X, double Y);

/// <summary>
/// Cross-validates a line fitted through the origin: the data is cut into folds, and each fold's model is trained on the
/// other folds and scored on its own. The folds' trainings run as one group of child actions; each fit is a trace, a
/// recorded step a retried fold replays instead of fitting again; the data source takes a secret; the workflow writes a
/// report and, once deployed, runs every night on a trigger.
/// </summary>
[TaskEnvironment("training", Description = "Cross-validated training of a tiny model")]
public static partial class Training
{
    /// <summary>The mean of the folds' squared errors, with a report of each fold's. Deployed, it runs every night.</summary>
    [Workflow(Report = true)]
    [Trigger("nightly", Cron = "0 3 * * *", Inputs = ["folds=4"], Description = "Cross-validate every night")]
    public static async Task<double> CrossValidate(int folds, ITaskContext context)
    {
        var points = await LoadPoints(folds * 10, context);
        double[] errors;
        using (FlyteGroup.Begin("folds"))
        {
            errors = await Task.WhenAll(Enumerable.Range(0, folds).Select(fold => TrainFold(points, fold, folds)));
        }

        context.Report.Log(ReportHtml.Text($"{folds} folds of {points.Count} points; mean squared error {errors.Average():0.0000}."));
        context.Report.Log(ReportHtml.Table(["fold", "mean squared error"], errors.Select((error, fold) => (IReadOnlyList<object?>)[fold, error])));
        context.Report.Log(ReportHtml.BarChart("Error by fold", errors.Select((error, fold) => ($"fold {fold}", error)).ToList()));
        return errors.Average();
    }

    /// <summary>
    /// Points near the line y = 2x, with a small deterministic wobble, from a data source that wants a token: the secret
    /// <c>data-token</c> (FLYTE: <c>flyte create secret data-token</c>; locally: the <c>DATA_TOKEN</c> variable).
    /// </summary>
    [Task(Cache = true, Secrets = ["data-token"])]
    public static Task<List<Point>> LoadPoints(int count, ITaskContext context)
    {
        if (context.GetSecret("data-token").Length == 0)
        {
            throw new InvalidOperationException("the data-token secret is empty; set it to the data source's token");
        }
        return Task.FromResult(Enumerable.Range(1, count).Select(i => new Point(i, 2.0 * i + (i % 3 - 1) * 0.5)).ToList());
    }

    /// <summary>Fits the slope on every fold but <paramref name="fold"/>; returns the mean squared error on that fold.</summary>
    [Task(Retries = 1)]
    public static async Task<double> TrainFold(List<Point> points, int fold, int folds)
    {
        var training = points.Where((_, i) => i % folds != fold).ToList();
        var held = points.Where((_, i) => i % folds == fold).ToList();
        double slope = await FitSlope(training);
        return held.Average(p => Math.Pow(p.Y - slope * p.X, 2));
    }

    /// <summary>The least-squares slope of a line through the origin: a trace, so a retried fold replays the fit.</summary>
    [Trace]
    public static Task<double> FitSlope(List<Point> training) =>
        Task.FromResult(training.Sum(p => p.X * p.Y) / training.Sum(p => p.X * p.X));
}
