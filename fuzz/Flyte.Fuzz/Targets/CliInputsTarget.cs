using Flyte.Cli;
using Flyte.Cli.Run;
using Flyte.Cli.Json;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Fuzz.Targets;

/// <summary>
/// The inputs of <c>flyte run</c> (<see cref="TaskInputs.Parse"/>: flags, then each value as its Flyte type reads from
/// the command line, JSON for lists, maps and records). It returns a literal for every input, each of which writes back
/// as JSON, or throws a <see cref="UsageException"/> with one line naming the mistake.
/// </summary>
public static class CliInputsTarget
{
    public const string Name = "cli-inputs";

    /// <summary>A first argument of exactly this picks the task with required inputs.</summary>
    public const string RequiredTaskSwitch = "required";

    public static FuzzTarget Target { get; } = new(
        Name,
        $"the arguments after the task name separated by NUL; a first argument '{RequiredTaskSwitch}' picks the task with required inputs",
        ["flyte.dll Flyte.Cli.Run Flyte.Cli.Json", "Flyte.Sdk.dll Flyte.Generation"],
        Run);

    public static void Run(byte[] input)
    {
        string[] tokens = FuzzInput.Split(input);
        TaskDefinition task = CliInputTasks.FlyteTasks.Everything;
        if (tokens.Length > 0 && tokens[0] == RequiredTaskSwitch)
        {
            task = CliInputTasks.FlyteTasks.Required;
            tokens = tokens[1..];
        }

        LiteralMap inputs;
        try
        {
            inputs = TaskInputs.Parse(task, tokens);
        }
        catch (UsageException e)
        {
            FuzzInput.RequireOneLine(e.Message, "the input error");
            return;
        }

        foreach (string name in task.InputNames)
        {
            if (!inputs.Literals.TryGetValue(name, out Literal? literal))
            {
                throw new ContractViolationException($"input {name} has no literal");
            }
            // Every value of a type writes back as JSON; one that does not was accepted wrongly.
            LiteralJson.ToJson(literal, task.Interface.Inputs.Variables.First(variable => variable.Key == name).Value.Type);
        }
    }
}
