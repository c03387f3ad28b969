using Flyte;
using Flyte.Tasks;

namespace Samples;

/// <summary>A point of the training data.</summary>
public sealed record Point(double X, double Y);

/// <summary>
/// Cross-validates a line fitted through the origin: the data is cut into folds, and each fold's model is trained on the
/// other folds and scored on its own. The folds' trainings run as one group of child actions.
/// </summary>
[TaskEnvironment("training", Description = "Cross-validated training of a tiny model")]
public static partial class Training
{
    /// <summary>The mean of the folds' squared errors, with a report of each fold's.</summary>
    [Workflow(Report = true)]
    public static async Task<double> CrossValidate(int folds, ITaskContext context)
    {
        var points = await LoadPoints(folds * 10);
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

    /// <summary>Points near the line y = 2x, with a small deterministic wobble.</summary>
    [Task(Cache = true)]
    public static Task<List<Point>> LoadPoints(int count) =>
        Task.FromResult(Enumerable.Range(1, count).Select(i => new Point(i, 2.0 * i + (i % 3 - 1) * 0.5)).ToList());

    /// <summary>Fits the slope on every fold but <paramref name="fold"/>; returns the mean squared error on that fold.</summary>
    [Task(Retries = 1)]
    public static Task<double> TrainFold(List<Point> points, int fold, int folds)
    {
        var training = points.Where((_, i) => i % folds != fold).ToList();
        var held = points.Where((_, i) => i % folds == fold).ToList();
        double slope = training.Sum(p => p.X * p.Y) / training.Sum(p => p.X * p.X);
        return Task.FromResult(held.Average(p => Math.Pow(p.Y - slope * p.X, 2)));
    }
}
