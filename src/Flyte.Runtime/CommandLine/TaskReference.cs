namespace Flyte.Runtime.CommandLine;

/// <summary>
/// Reads the task to run from the arguments that follow <c>--resolver flyte-dotnet</c>:
/// key/value pairs: <c>task &lt;name&gt;</c> (required; the task id name or <c>Class.Method</c>) and
/// <c>assembly &lt;name&gt;</c> (the assembly whose dispatch table holds it; optional, as a0 can search them all).
/// </summary>
internal static class TaskReference
{
    public const string TaskKey = "task";
    public const string AssemblyKey = "assembly";

    private const string Usage = $"--resolver {A0ArgumentParser.DotnetResolver} {TaskKey} <Class.Method>, e.g. --resolver {A0ArgumentParser.DotnetResolver} {TaskKey} Quickstart.Square";

    public static bool TryParse(IReadOnlyList<string> resolverArgs, List<string> warnings, out string taskName, out string? assemblyName, out string error)
    {
        taskName = "";
        assemblyName = null;
        // flytekit-era command lines put "--" between the resolver and its arguments.
        int start = resolverArgs.Count > 0 && resolverArgs[0] == "--" ? 1 : 0;
        string? task = null;
        for (int i = start; i < resolverArgs.Count; i += 2)
        {
            string key = resolverArgs[i];
            if (i + 1 >= resolverArgs.Count)
            {
                error = $"resolver argument '{EchoedValue.Of(key)}' has no value; expected {Usage}";
                return false;
            }
            string value = resolverArgs[i + 1];
            if (key == TaskKey)
            {
                task = value;
            }
            else if (key == AssemblyKey)
            {
                assemblyName = value;
            }
            else
            {
                warnings.Add($"ignored unknown resolver argument '{EchoedValue.Of(key)} {EchoedValue.Of(value)}'");
            }
        }

        if (string.IsNullOrWhiteSpace(task) || TemplateValue.IsPlaceholder(task))
        {
            error = task is null
                ? $"missing task reference: the command line must end with {Usage}"
                : $"task reference '{EchoedValue.Of(task)}' is not a task name; expected {Usage}";
            return false;
        }
        taskName = task.Trim();
        error = "";
        return true;
    }
}
