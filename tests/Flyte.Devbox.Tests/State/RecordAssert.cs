using Flyte.Devbox.State;

namespace Flyte.Devbox.Tests.State;

/// <summary>Record equality compares byte arrays by reference; these compare them by content.</summary>
internal static class RecordAssert
{
    public static void Same(TaskRecord expected, TaskRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Spec, actual.Spec);
        Assert.Equal(expected with { Spec = actual.Spec }, actual);
    }

    public static void Same(RunRecord expected, RunRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Spec, actual.Spec);
        Assert.Equal(expected with { Spec = actual.Spec }, actual);
    }

    /// <summary>Equal in everything but the revision, which the database assigns.</summary>
    public static void Same(ActionRecord expected, ActionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Spec, actual.Spec);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected with { Spec = actual.Spec, Error = actual.Error, Revision = actual.Revision }, actual);
    }

    public static void Same(AttemptRecord expected, AttemptRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected with { Error = actual.Error }, actual);
    }
}
