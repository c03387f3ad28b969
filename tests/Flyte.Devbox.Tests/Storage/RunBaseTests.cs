using Flyte.Devbox.State;
using Flyte.Devbox.Storage;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>No two runs share storage: runs of different orgs get different bases, and no base lies inside another.</summary>
public sealed class RunBaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("devbox-runbase-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Runs_of_the_same_name_in_different_orgs_or_places_never_share_or_nest_their_bases()
    {
        var storage = new FolderStorage(new DevboxObjectStore(_root), new SignedUrls(new byte[32], () => "http://127.0.0.1:1"));
        RunKey[] runs =
        [
            new("", "p", "d", "r"),
            new("acme", "p", "d", "r"),
            new("other", "p", "d", "r"),
            // Would be runs/p/d/r/x, inside the first run's base, were the org written as a plain folder.
            new("p", "d", "r", "x"),
        ];

        var bases = runs.Select(run => storage.RunBase(run).TrimEnd('/') + "/").ToList();

        Assert.Equal(new Uri(Path.Combine(_root, "runs/p/d/r")).AbsoluteUri + "/", bases[0]);
        Assert.Equal(new Uri(Path.Combine(_root, "runs/@acme/p/d/r")).AbsoluteUri + "/", bases[1]);
        foreach (var (one, i) in bases.Select((b, i) => (b, i)))
        {
            foreach (var (other, j) in bases.Select((b, j) => (b, j)))
            {
                Assert.True(i == j || !other.StartsWith(one, StringComparison.Ordinal), $"{other} is inside {one}");
            }
        }
    }
}
