using Samples;

// Runs the pipeline in-process with Flyte semantics and prints what happened.
int count = args.Length > 0 && int.TryParse(args[0], out int parsed) ? parsed : 12;

var run = await DataPipeline.FlyteTasks.Run.RunLocalAsync(count);
Console.Write(run.Report.Render());
Console.WriteLine(run.Succeeded ? run.Value : run.Failure!.Message);
return run.Succeeded ? 0 : 1;
