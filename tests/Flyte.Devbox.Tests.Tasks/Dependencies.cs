using Flyte;

namespace DevboxTests;

/// <summary>A task that needs a library of its own, one a0 does not ship: a0 must load it from the task's folder.</summary>
[TaskEnvironment("dependencies")]
public static partial class Dependencies
{
    /// <summary>The name System.CommandLine gives an option, with the dashes as written.</summary>
    [Task]
    public static string OptionName(string name) => new System.CommandLine.Option<string>("--" + name).Name;
}
