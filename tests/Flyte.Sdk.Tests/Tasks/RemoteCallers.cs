namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Deployed tasks declared for the remote-task tests: one with a record, one with a tuple, one with no result.</summary>
public static partial class Deployed
{
    public sealed record Sample(string name, long rows);

    [RemoteTask("ml.train")]
    public static partial Task<double> Train(Sample sample, long epochs);

    [RemoteTask("ml.split", Version = "v7")]
    public static partial Task<(long, long)> Split(IReadOnlyList<long> values);

    [RemoteTask("ml.publish")]
    public static partial Task Publish(string note);
}

[TaskEnvironment("remote_callers")]
public static partial class RemoteCallers
{
    [Workflow]
    public static async Task<double> TrainOnce(string name) => await Deployed.Train(new Deployed.Sample(name, 10), 3);
}
