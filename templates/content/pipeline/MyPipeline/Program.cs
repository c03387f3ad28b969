using MyPipeline;

// Runs the workflow in this process with Flyte's semantics (literals at every task boundary, retries, caching) and
// prints the run's actions and its result.
int n = args.Length > 0 && int.TryParse(args[0], out int parsed) ? parsed : 10;

var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(n);
Console.Write(run.Report.Render());
Console.WriteLine(run.Succeeded ? $"SumOfSquares(n: {n}) = {run.Value}" : run.Failure!.Message);
return run.Succeeded ? 0 : 1;
