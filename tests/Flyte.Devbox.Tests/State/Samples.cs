using Flyte.Devbox.State;
using Flyteidl2.Common;

namespace Flyte.Devbox.Tests.State;

/// <summary>Records as the services and the executor create them.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    public static TaskKey TaskKey(string name = "env.square", string version = "v1") =>
        new("", "flytesnacks", "development", name, version);

    public static TaskRecord Task(TaskKey key, byte[] spec, DateTimeOffset createdAt) => TaskRecord.Create(key, spec, createdAt);

    public static RunKey RunKey(string name = "r1") => new("", "flytesnacks", "development", name);

    public static RunRecord Run(RunKey key, DateTimeOffset? createdAt = null) => new(
        key,
        createdAt ?? Start,
        RootTaskName: "env.main",
        Phase: (int)ActionPhase.Queued,
        InputsUri: $"file:///store/runs/{key.Name}/inputs.pb",
        RunBase: $"file:///store/runs/{key.Name}",
        EndedAt: null,
        AbortRequested: false,
        Spec: [1, 2, 3]);

    public static ActionRecord Action(RunKey run, string name, string? parent = null, DateTimeOffset? createdAt = null) => new(
        new ActionKey(run, name),
        parent,
        TaskName: "env.square",
        TaskVersion: "v1",
        Spec: [10, 20, 30],
        InputUri: $"file:///store/runs/{run.Name}/{name}/inputs.pb",
        RunOutputBase: $"file:///store/runs/{run.Name}",
        Group: null,
        CacheKey: null,
        Phase: (int)ActionPhase.Queued,
        Attempts: 0,
        OutputUri: null,
        Error: null,
        CacheHit: false,
        AbortRequested: false,
        CreatedAt: createdAt ?? Start,
        StartedAt: null,
        EndedAt: null,
        Revision: 0);

    /// <summary>A run with its root action <c>a0</c>, stored.</summary>
    public static RunKey CreateRun(DevboxDatabase database, string name = "r1", DateTimeOffset? createdAt = null)
    {
        var key = RunKey(name);
        Assert.True(database.TryCreateRun(Run(key, createdAt), Action(key, "a0", createdAt: createdAt)));
        return key;
    }
}
