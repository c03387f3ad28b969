using Flyte.Devbox.State;

namespace Flyte.Devbox.Tests.State;

/// <summary>The output cache: the first writer of a key wins.</summary>
public class CacheTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    private DevboxDatabase Database => _temporary.Database;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void A_missing_key_is_a_miss_and_a_stored_one_a_hit()
    {
        Assert.Null(Database.GetCachedOutputs("key"));

        Database.PutCachedOutputs("key", "env.square", "file:///out/1");

        Assert.Equal("file:///out/1", Database.GetCachedOutputs("key"));
        Assert.Null(Database.GetCachedOutputs("other-key"));
    }

    [Fact]
    public void The_first_writer_of_a_key_wins()
    {
        Database.PutCachedOutputs("key", "env.square", "file:///out/first");

        Database.PutCachedOutputs("key", "env.square", "file:///out/second");

        Assert.Equal("file:///out/first", Database.GetCachedOutputs("key"));
        Assert.Equal(1L, _temporary.RawScalar("SELECT COUNT(*) FROM cache"));
    }
}
