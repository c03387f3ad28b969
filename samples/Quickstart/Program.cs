using Samples;

// Runs the workflow in-process with Flyte semantics (literals at every task boundary, retries,
// caching) and prints the run's actions and its result.
int n = args.Length > 0 && int.TryParse(args[0], out int parsed) ? parsed : 10;

var run = await Quickstart.FlyteTasks.MeanOfSquares.RunLocalAsync(n);
Console.Write(run.Report.Render());
Console.WriteLine(run.Succeeded ? $"MeanOfSquares(n: {n}) = {run.Value}" : run.Failure!.Message);
return run.Succeeded ? 0 : 1;
