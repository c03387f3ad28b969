using System.Globalization;
using Samples;

// Runs the cross-validation in-process with Flyte semantics and prints the run's actions (the folds as one group, each
// with its trace) and the result.
int folds = args.Length > 0 && int.TryParse(args[0], out int parsed) ? parsed : 4;

// A local run reads secrets from the environment (or ~/.flyte/secrets.json): a demo token unless one is set.
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DATA_TOKEN")))
{
    Environment.SetEnvironmentVariable("DATA_TOKEN", "demo-token");
}
var run = await Training.FlyteTasks.CrossValidate.RunLocalAsync(folds);
Console.Write(run.Report.Render());
Console.WriteLine(run.Succeeded
    ? $"CrossValidate(folds: {folds}) = {run.Value.ToString("0.0000", CultureInfo.InvariantCulture)}"
    : run.Failure!.Message);
return run.Succeeded ? 0 : 1;
