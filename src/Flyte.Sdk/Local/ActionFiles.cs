namespace Flyte.Local;

/// <summary>Which files of its actions a local run writes under its run folder (docs/local-runs.md).</summary>
public enum ActionFiles
{
    /// <summary>
    /// The root action's <c>inputs.pb</c> and <c>outputs.pb</c>, and the <c>inputs.pb</c> and <c>error.pb</c> of every
    /// failed attempt: what a run was given, what it returned, and what went wrong. A child that succeeds writes nothing.
    /// </summary>
    RootAndFailures = 0,

    /// <summary>Every attempt's <c>inputs.pb</c> and <c>outputs.pb</c> or <c>error.pb</c>, as a remote run stores them.</summary>
    All = 1,
}
