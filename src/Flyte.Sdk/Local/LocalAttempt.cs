using System.Globalization;
using Flyte.Generation;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Local;

/// <summary>
/// One attempt of an action in a local run: what it runs (the task's method, or its fake, with the action as the Flyte
/// context) and the <see cref="ITaskContext"/> the method sees. Its folders and report are made only when the task asks
/// for them, as most attempts of a large fan-out never do.
/// </summary>
internal sealed class LocalAttempt(
    LocalEngine engine, string actionName, int attempt, TaskDefinition task, TaskFake? fake, LiteralMap inputs,
    TaskSecrets secrets, CancellationToken cancellationToken, ActionRunner children) : ITaskContext
{
    private TaskReport? _report;

    public string RunName => engine.RunName;

    public string ActionName => actionName;

    public int Attempt => attempt;

    public string OutputPrefix => engine.Layout.AttemptDirectory(actionName, attempt);

    public string RawDataPrefix => Path.Combine(engine.Layout.RunDirectory, "raw", actionName, attempt.ToString(CultureInfo.InvariantCulture));

    public TaskReport Report => LazyInitializer.EnsureInitialized(ref _report, static () => new TaskReport());

    /// <summary>The report if the task asked for it; null when it did not, so there is nothing to write.</summary>
    public TaskReport? ReportIfUsed => Volatile.Read(ref _report);

    public string GetSecret(string name) => secrets.Get(name, task.DeclaredSecretNames);

    public Task<LiteralMap> Run()
    {
        using var scope = FlyteContext.Enter(children);
        return fake is not null
            ? fake.RunAsync(inputs, cancellationToken)
            : task.InvokeAsync(inputs, this, cancellationToken);
    }
}
