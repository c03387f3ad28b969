using Flyteidl2.Core;

namespace Flyte.Local;

/// <summary>The end of a local run: its outputs or its failure, where its files are, and what each action did.</summary>
public class LocalRunResult
{
    internal LocalRunResult(string runName, string runDirectory, ActionReport report, LiteralMap? outputs, TaskFailedException? failure)
    {
        RunName = runName;
        RunDirectory = runDirectory;
        Report = report;
        Outputs = outputs;
        Failure = failure;
    }

    /// <summary>The run's name.</summary>
    public string RunName { get; }

    /// <summary>Holds <c>&lt;action&gt;/&lt;attempt&gt;/inputs.pb|outputs.pb|error.pb</c> of the root action and of every
    /// failed attempt, or of every action with <see cref="ActionFiles.All"/> (docs/local-runs.md).</summary>
    public string RunDirectory { get; }

    /// <summary>The root action (<c>a0</c>) and, below it, every action it started.</summary>
    public ActionReport Report { get; }

    /// <summary>How the root action ended.</summary>
    public ActionPhase Phase => Report.Phase;

    /// <summary>The run ended with outputs.</summary>
    public bool Succeeded => Outputs is not null;

    /// <summary>The root task's output literals; null when the run failed.</summary>
    public LiteralMap? Outputs { get; }

    /// <summary>Why the run failed; null when it succeeded.</summary>
    public TaskFailedException? Failure { get; }
}

/// <summary>A local run of a task whose result has a C# type.</summary>
public sealed class LocalRunResult<T> : LocalRunResult
{
    private readonly Func<LiteralMap, T> _decode;

    internal LocalRunResult(LocalRunResult result, Func<LiteralMap, T> decode)
        : base(result.RunName, result.RunDirectory, result.Report, result.Outputs, result.Failure) => _decode = decode;

    /// <summary>The task's result, decoded from its output literals; throws the run's failure when it failed.</summary>
    public T Value => Outputs is { } outputs ? _decode(outputs) : throw Failure!;
}
