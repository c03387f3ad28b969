using System.Collections.Concurrent;
using Flyte.Hashing;

namespace Flyte.Sdk.Tests.Hashing;

public class CallSequencerTests
{
    [Fact]
    public void Counts_from_one_per_key()
    {
        var sequencer = new CallSequencer();

        Assert.Equal(1, sequencer.Next("t:a"));
        Assert.Equal(2, sequencer.Next("t:a"));
        Assert.Equal(1, sequencer.Next("t:b"));
        Assert.Equal(3, sequencer.Next("t:a"));
        Assert.Equal(1, new CallSequencer().Next("t:a"));
    }

    [Fact]
    public void Concurrent_calls_get_distinct_numbers_one_to_n()
    {
        const int calls = 2000;
        var sequencer = new CallSequencer();
        var seen = new ConcurrentBag<int>();

        Parallel.For(0, calls, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ => seen.Add(sequencer.Next("same")));

        Assert.Equal(Enumerable.Range(1, calls), seen.Order());
    }

    [Fact]
    public void Call_key_includes_the_group_when_there_is_one()
    {
        Assert.Equal("tid:ih", CallSequencer.CallKey("tid", "ih"));
        Assert.Equal("tid:ih", CallSequencer.CallKey("tid", "ih", ""));
        Assert.Equal("tid:ih:g", CallSequencer.CallKey("tid", "ih", "g"));
    }
}
