using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Local;

/// <summary>
/// Replaces one task in a local run: the engine calls <see cref="Invoke"/> instead of the task's
/// method, still through literals. Generated handles build typed fakes: <c>FlyteTasks.Square.Fake(x => 0)</c>.
/// </summary>
public sealed class TaskFake
{
    /// <summary>A fake of <paramref name="task"/> that answers with <paramref name="invoke"/>; generated handles' <c>Fake</c> methods build typed ones.</summary>
    public TaskFake(TaskDefinition task, Func<LiteralMap, CancellationToken, Task<LiteralMap>> invoke)
    {
        Task = task;
        Invoke = invoke;
    }

    /// <summary>The task this fake replaces.</summary>
    public TaskDefinition Task { get; }

    /// <summary>What the engine calls instead of the task: the input literals in, the output literals out.</summary>
    public Func<LiteralMap, CancellationToken, Task<LiteralMap>> Invoke { get; }

    /// <summary>How many times the fake ran.</summary>
    public int Calls => _calls;

    private int _calls;

    internal Task<LiteralMap> RunAsync(LiteralMap inputs, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Invoke(inputs, cancellationToken);
    }
}
