using Flyte.Tasks;
using Google.Protobuf;
using Samples;

// Prints the task specs the generator wrote for this assembly, then runs the workflow.
// Until the local engine lands (see the README's roadmap) the run is a plain C# call: outside a
// Flyte context each task call is an ordinary method call.
int n = args.Length > 0 && int.TryParse(args[0], out int parsed) ? parsed : 10;

var settings = new TaskTemplateSettings { Project = "flytesnacks", Domain = "development", Version = "local" };
var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation());
foreach (TaskDefinition task in TaskRegistry.AllTasks.OrderBy(t => t.Name, StringComparer.Ordinal))
{
    Console.WriteLine($"# task {task.Name}");
    Console.WriteLine(formatter.Format(task.CreateSpec(settings)));
}

double mean = await Quickstart.MeanOfSquares(n);
Console.WriteLine($"MeanOfSquares(n: {n}) = {mean}");
