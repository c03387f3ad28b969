namespace Flyte.Local;

/// <summary>What happened to one action of a local run, and to the actions it started.</summary>
public sealed class ActionReport
{
    private readonly object _lock = new();
    // Made on first use: most actions of a large fan-out start no children and never fail.
    private List<ActionReport>? _children;
    private List<string>? _attemptErrors;

    internal ActionReport(string name, string taskName, ActionReport? parent)
    {
        Name = name;
        TaskName = taskName;
        Parent = parent;
    }

    /// <summary>The action's name: <c>a0</c> for the root, a hash of the call for a child.</summary>
    public string Name { get; }
    /// <summary>The task the action ran.</summary>
    public string TaskName { get; }
    /// <summary>The action that started this one; null for the root.</summary>
    public ActionReport? Parent { get; }
    /// <summary>The group its parent started it in (<see cref="FlyteGroup"/>); null for none.</summary>
    public string? Group { get; internal init; }
    /// <summary>A trace ([Trace]): a recorded step of its parent, not a task run of its own.</summary>
    public bool IsTrace { get; internal init; }
    /// <summary>Where the action got to.</summary>
    public ActionPhase Phase { get; internal set; } = ActionPhase.Queued;
    /// <summary>How many attempts ran.</summary>
    public int Attempts { get; internal set; }
    /// <summary>The outputs came from the local cache.</summary>
    public bool CacheHit { get; internal set; }
    /// <summary>How long the action took, every attempt included.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>The report.html of the last attempt that wrote one (<see cref="Tasks.ITaskContext.Report"/>); null if none did.</summary>
    public string? ReportPath { get; internal set; }

    /// <summary>Why the last attempt's report could not be written (a full disk, a read-only folder); null when it was.</summary>
    public string? ReportError { get; internal set; }

    /// <summary>The user's exception and stack trace of the last failed attempt, if any.</summary>
    public string? Error { get; internal set; }

    /// <summary>One line per failed attempt: the exception type and message.</summary>
    public IReadOnlyList<string> AttemptErrors { get { lock (_lock) { return _attemptErrors?.ToArray() ?? []; } } }

    /// <summary>The actions this one started, in the order they started.</summary>
    public IReadOnlyList<ActionReport> Children { get { lock (_lock) { return _children?.ToArray() ?? []; } } }

    internal void AddChild(ActionReport child) { lock (_lock) { (_children ??= []).Add(child); } }

    internal void AddAttemptError(string error) { lock (_lock) { (_attemptErrors ??= []).Add(error); } }

    /// <summary>This action and all below it, depth first.</summary>
    public IEnumerable<ActionReport> Descendants()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var descendant in child.Descendants())
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The report as an indented text tree: phase, duration, attempts and cache hits.</summary>
    public string Render()
    {
        var builder = new System.Text.StringBuilder();
        Render(builder, "");
        return builder.ToString();
    }

    /// <summary>The action's line in a run tree: name, task, phase, duration, and its attempts, cache hit and trace mark.</summary>
    internal string SummaryLine()
    {
        var builder = new System.Text.StringBuilder();
        builder.Append(Name).Append(' ').Append(TaskName).Append(' ').Append(PhaseName(Phase))
            .Append(' ').Append(Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)).Append('s');
        if (Attempts > 1)
        {
            builder.Append(" attempts=").Append(Attempts);
        }
        if (CacheHit)
        {
            builder.Append(" (cache hit)");
        }
        if (IsTrace)
        {
            builder.Append(" (trace)");
        }
        return builder.ToString();
    }

    private void Render(System.Text.StringBuilder builder, string indent)
    {
        builder.Append(indent).Append(SummaryLine()).Append('\n');
        if (ReportPath is { } reportPath)
        {
            builder.Append(indent).Append("  report: ").Append(reportPath).Append('\n');
        }
        if (ReportError is { } reportError)
        {
            builder.Append(indent).Append("  report not written: ").Append(reportError).Append('\n');
        }
        foreach (var entry in ChildGroups.Arrange(Children, child => child.Group))
        {
            string childIndent = indent + "  ";
            if (entry.Group is { } group)
            {
                builder.Append(childIndent).Append(ChildGroups.Header(group, entry.Children.Count)).Append('\n');
                childIndent += "  ";
            }
            foreach (var child in entry.Children)
            {
                child.Render(builder, childIndent);
            }
        }
    }

    /// <summary>The name Flyte gives <paramref name="phase"/> (<c>SUCCEEDED</c>, <c>FAILED</c>, …).</summary>
    public static string PhaseName(ActionPhase phase) => Remote.PhaseNames.Of((Flyteidl2.Common.ActionPhase)(int)phase);

    /// <summary>Ended with outputs: succeeded, or recovered from an earlier run.</summary>
    public static bool IsSuccess(ActionPhase phase) => Remote.PhaseNames.IsSuccess((Flyteidl2.Common.ActionPhase)(int)phase);
}
