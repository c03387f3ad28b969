using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Cache;

public sealed class CacheCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Clear_forgets_cached_outputs_so_the_next_run_misses()
    {
        await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "3");
        var hit = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "3");

        var clear = await InProcessCli.RunAsync("cache", "clear", "--task", "quickstart.Square", "--cache-dir", _scratch.Combine("cache"));
        var miss = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "3");

        Assert.Contains("(cache hit)", hit.Out);
        Assert.Equal(0, clear.ExitCode);
        Assert.Contains("removed 1 cached output of quickstart.Square", clear.Out);
        Assert.DoesNotContain("(cache hit)", miss.Out);
        Assert.Contains("o0: 9", miss.Out);
    }

    [Fact]
    public async Task Cache_without_a_verb_is_a_usage_error()
    {
        var result = await InProcessCli.RunAsync("cache");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flyte cache --help", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
