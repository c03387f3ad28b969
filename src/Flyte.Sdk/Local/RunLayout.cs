using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Local;

/// <summary>
/// The files of a local run, laid out as a remote run's: <c>&lt;run dir&gt;/&lt;action&gt;/&lt;attempt&gt;/</c>
/// holding <c>inputs.pb</c> (task.Inputs) and then <c>outputs.pb</c> (task.Outputs) or <c>error.pb</c> (core.ErrorDocument).
/// A trace has no attempts: its files are in <c>&lt;run dir&gt;/&lt;action&gt;/</c>, as flyte-sdk writes them (docs/traces.md).
/// </summary>
internal sealed class RunLayout
{
    public RunLayout(string runDirectory) => RunDirectory = runDirectory;

    public string RunDirectory { get; }

    public string AttemptDirectory(string actionName, int attempt) =>
        Path.Combine(RunDirectory, actionName, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void WriteInputs(string actionName, int attempt, LiteralMap inputs) =>
        Write(actionName, attempt, "inputs.pb", ToInputs(inputs));

    public void WriteOutputs(string actionName, int attempt, LiteralMap outputs) =>
        Write(actionName, attempt, "outputs.pb", ToOutputs(outputs));

    public void WriteError(string actionName, int attempt, ContainerError error) =>
        Write(actionName, attempt, "error.pb", new ErrorDocument { Error = error });

    public string TraceDirectory(string actionName) => Path.Combine(RunDirectory, actionName);

    public void WriteTraceInputs(string actionName, LiteralMap inputs) =>
        WriteIn(TraceDirectory(actionName), "inputs.pb", ToInputs(inputs));

    public void WriteTraceOutputs(string actionName, LiteralMap outputs) =>
        WriteIn(TraceDirectory(actionName), "outputs.pb", ToOutputs(outputs));

    public void WriteTraceError(string actionName, ContainerError error) =>
        WriteIn(TraceDirectory(actionName), "error.pb", new ErrorDocument { Error = error });

    /// <summary>task.Inputs in the map's order, which is the task's declaration order.</summary>
    public static Flyteidl2.Task.Inputs ToInputs(LiteralMap map)
    {
        var inputs = new Flyteidl2.Task.Inputs();
        foreach (var (name, value) in map.Literals)
        {
            inputs.Literals.Add(new Flyteidl2.Task.NamedLiteral { Name = name, Value = value });
        }
        return inputs;
    }

    public static Flyteidl2.Task.Outputs ToOutputs(LiteralMap map)
    {
        var outputs = new Flyteidl2.Task.Outputs();
        foreach (var (name, value) in map.Literals)
        {
            outputs.Literals.Add(new Flyteidl2.Task.NamedLiteral { Name = name, Value = value });
        }
        return outputs;
    }

    /// <summary>The literals of task.Inputs or task.Outputs as a map, in their order.</summary>
    public static LiteralMap ToLiteralMap(IReadOnlyList<Flyteidl2.Task.NamedLiteral> literals)
    {
        var map = new LiteralMap();
        // By index: enumerating a RepeatedField makes an iterator, one more type for a0 to load at every start.
        for (int i = 0; i < literals.Count; i++)
        {
            map.Literals[literals[i].Name] = literals[i].Value;
        }
        return map;
    }

    private void Write(string actionName, int attempt, string fileName, IMessage message) =>
        WriteIn(AttemptDirectory(actionName, attempt), fileName, message);

    private static void WriteIn(string directory, string fileName, IMessage message)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, fileName), message.ToByteArray());
    }
}
