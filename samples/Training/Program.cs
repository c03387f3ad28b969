using System.Globalization;
using Samples;

// Runs the cross-validation in-process with Flyte semantics and prints the run's actions (the folds as one group)
// and the result.
int folds = args.Length > 0 && int.TryParse(args[0], out int parsed) ? parsed : 4;

var run = await Training.FlyteTasks.CrossValidate.RunLocalAsync(folds);
Console.Write(run.Report.Render());
Console.WriteLine(run.Succeeded
    ? $"CrossValidate(folds: {folds}) = {run.Value.ToString("0.0000", CultureInfo.InvariantCulture)}"
    : run.Failure!.Message);
return run.Succeeded ? 0 : 1;
