namespace Flyte.Tasks;

/// <summary>
/// What a running task may know about its action. Declare a parameter of this type on a task
/// to receive it (it is injected, not an input); tests may pass their own implementation.
/// </summary>
public interface ITaskContext
{
    /// <summary>The name of the run the action belongs to.</summary>
    string RunName { get; }
    /// <summary>The action's name: <c>a0</c> for a run's root.</summary>
    string ActionName { get; }

    /// <summary>0 for the first attempt, 1 for the first retry, …</summary>
    int Attempt { get; }

    /// <summary>Where this attempt writes outputs.pb or error.pb.</summary>
    string OutputPrefix { get; }

    /// <summary>Where this attempt may write large data (files, folders).</summary>
    string RawDataPrefix { get; }

    /// <summary>The value of a secret the task declares (<c>Secrets = ["key"]</c> or <c>["group/key"]</c>), by that name.</summary>
    /// <exception cref="KeyNotFoundException">The secret is not set; the message says how to provide it.</exception>
    string GetSecret(string name);

    /// <summary>This attempt's HTML report: written as report.html beside its outputs when the attempt ends, if anything
    /// was put in it (docs/reports.md).</summary>
    TaskReport Report { get; }
}
