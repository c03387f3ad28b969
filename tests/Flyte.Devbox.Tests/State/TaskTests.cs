using Flyte.Devbox.State;

namespace Flyte.Devbox.Tests.State;

/// <summary>Task versions are immutable: deploying again changes nothing, and a different spec is a conflict.</summary>
public class TaskTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    private DevboxDatabase Database => _temporary.Database;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void A_new_version_is_created_and_read_back()
    {
        var task = Samples.Task(Samples.TaskKey(), [1, 2, 3], Samples.Start);

        Assert.Equal(DeployOutcome.Created, Database.DeployTask(task));

        RecordAssert.Same(task, Database.GetTask(task.Key));
        Assert.Equal(TaskRecord.Sha256Hex([1, 2, 3]), Database.GetTask(task.Key)!.SpecSha256);
        Assert.Null(Database.GetTask(task.Key with { Version = "v2" }));
    }

    [Fact]
    public void Deploying_the_same_spec_again_is_unchanged()
    {
        var task = Samples.Task(Samples.TaskKey(), [1, 2, 3], Samples.Start);
        Database.DeployTask(task);

        var outcome = Database.DeployTask(task with { Spec = [1, 2, 3], CreatedAt = Samples.Start.AddHours(1) });

        Assert.Equal(DeployOutcome.Unchanged, outcome);
        Assert.Equal(Samples.Start, Database.GetTask(task.Key)!.CreatedAt);
    }

    [Fact]
    public void Deploying_a_different_spec_under_the_same_version_is_a_conflict_and_overwrites_nothing()
    {
        var task = Samples.Task(Samples.TaskKey(), [1, 2, 3], Samples.Start);
        Database.DeployTask(task);

        var outcome = Database.DeployTask(Samples.Task(task.Key, [9, 9], Samples.Start.AddHours(1)));

        Assert.Equal(DeployOutcome.Conflict, outcome);
        RecordAssert.Same(task, Database.GetTask(task.Key));
    }

    [Fact]
    public void A_hash_that_does_not_match_the_spec_is_rejected()
    {
        var task = Samples.Task(Samples.TaskKey(), [1, 2, 3], Samples.Start) with { Spec = [4, 5, 6] };

        Assert.Throws<ArgumentException>(() => Database.DeployTask(task));
        Assert.Null(Database.GetTask(task.Key));
    }

    [Fact]
    public void ListTasks_gives_the_latest_version_of_each_name_in_the_project_and_domain()
    {
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.a", "old"), [1], Samples.Start));
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.a", "new"), [2], Samples.Start.AddMinutes(1)));
        // Deployed at the same moment: the greater version is the latest.
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.b", "x"), [3], Samples.Start));
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.b", "y"), [4], Samples.Start));
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.c", "v1") with { Domain = "production" }, [5], Samples.Start));

        var tasks = Database.ListTasks("", "flytesnacks", "development");

        Assert.Equal(["env.a:new", "env.b:y"], tasks.Select(t => $"{t.Key.Name}:{t.Key.Version}"));
        Assert.Equal([2], tasks[0].Spec);
    }

    [Fact]
    public void ListVersions_gives_every_version_of_one_task_newest_first()
    {
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.a", "v1"), [1], Samples.Start));
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.a", "v3"), [3], Samples.Start.AddMinutes(2)));
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.a", "v2"), [2], Samples.Start.AddMinutes(1)));
        Database.DeployTask(Samples.Task(Samples.TaskKey("env.b", "v9"), [9], Samples.Start.AddMinutes(5)));

        var versions = Database.ListVersions(Samples.TaskKey("env.a", ""));

        Assert.Equal(["v3", "v2", "v1"], versions.Select(t => t.Key.Version));
        Assert.Equal([Samples.Start.AddMinutes(2), Samples.Start.AddMinutes(1), Samples.Start], versions.Select(t => t.CreatedAt));
    }
}
