using Flyte.Hashing;
using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests.Local;

/// <summary>
/// Groups as flyte-sdk has them (src/flyte/_group.py; ActionID.new_sub_action_from in src/flyte/models.py; the call
/// sequence in src/flyte/_internal/controllers/remote/_controller.py): the innermost group wins, the group's name ends
/// the hashed name (<c>parent-inputs-identity-seq-group</c>), and calls are counted per group.
/// </summary>
public sealed class GroupTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flyte-groups-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private LocalRunOptions Options => new() { RunDirectory = Path.Combine(_home, "run"), CacheDirectory = Path.Combine(_home, "cache") };

    [Fact]
    public async Task Calls_in_a_group_carry_it_and_are_named_and_counted_with_it()
    {
        var run = await Groups.FlyteTasks.Folds.RunLocalAsync(3, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(9 + 9 + 9 + 9 + 16, run.Value);
        var children = run.Report.Children;
        Assert.Equal([null, "train", "train", "eval", "eval"], children.Select(c => c.Group));
        Assert.Equal(
        [
            SquareCall(3, sequence: 1, group: null),
            SquareCall(3, sequence: 1, group: "train"),
            SquareCall(3, sequence: 2, group: "train"),
            SquareCall(3, sequence: 1, group: "eval"),
        ], children.Take(4).Select(c => c.Name));
        Assert.Equal(5, children.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public async Task A_task_started_in_a_group_makes_its_own_calls_in_none()
    {
        var run = await Groups.FlyteTasks.Folds.RunLocalAsync(3, Options);

        var inner = run.Report.Children.Single(c => c.TaskName == Groups.FlyteTasks.Inner.Name);
        var call = Assert.Single(inner.Children);
        Assert.Null(call.Group);
        Assert.Equal(ChildActionName.Compute(inner.Name, InputsHash(4), SquareIdentity, 1), call.Name);
    }

    [Fact]
    public async Task The_run_tree_shows_each_group_as_a_folder()
    {
        var run = await Groups.FlyteTasks.Folds.RunLocalAsync(3, Options);

        string[] lines = run.Report.Render().Split('\n');
        Assert.StartsWith("a0 groups.Folds SUCCEEDED", lines[0]);
        Assert.StartsWith("  " + SquareCall(3, 1, null) + " pipeline.Square", lines[1]);
        Assert.Equal("  [group train] 2 actions", lines[2]);
        Assert.StartsWith("    " + SquareCall(3, 1, "train") + " ", lines[3]);
        Assert.StartsWith("    " + SquareCall(3, 2, "train") + " ", lines[4]);
        Assert.Equal("  [group eval] 2 actions", lines[5]);
        Assert.StartsWith("    " + SquareCall(3, 1, "eval") + " ", lines[6]);
        Assert.Contains(" groups.Inner ", lines[7]);
        Assert.StartsWith("      ", lines[8]);
    }

    [Fact]
    public async Task Outside_a_run_a_group_changes_nothing()
    {
        Assert.Equal(9 + 9 + 9 + 9 + 16, await Groups.Folds(3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_group_needs_a_name(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => FlyteGroup.Begin(name));
        Assert.Contains("FlyteGroup.Begin(\"training\")", error.Message);
    }

    [Fact]
    public void Ending_a_group_restores_the_one_around_it()
    {
        Assert.Null(Generation.FlyteContext.Group);
        using (FlyteGroup.Begin("outer"))
        {
            using (FlyteGroup.Begin("inner"))
            {
                Assert.Equal("inner", Generation.FlyteContext.Group);
            }
            Assert.Equal("outer", Generation.FlyteContext.Group);
        }
        Assert.Null(Generation.FlyteContext.Group);
    }

    private static string SquareIdentity
    {
        get
        {
            var square = Pipeline.FlyteTasks.Square;
            return TaskIdentity.Compute(square.Name, square.InterfaceHash, square.Policy.CacheVersion);
        }
    }

    private static string InputsHash(int x) =>
        ChildCalls.InputsHashOf(Pipeline.FlyteTasks.Square, Pipeline.FlyteTasks.Square.EncodeInputs(x));

    private static string SquareCall(int x, int sequence, string? group) =>
        ChildActionName.Compute("a0", InputsHash(x), SquareIdentity, sequence, group);
}
