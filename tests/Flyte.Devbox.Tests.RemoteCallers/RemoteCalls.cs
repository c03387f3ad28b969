using Flyte;

namespace DevboxTests;

/// <summary>A task deployed in Python, as these tests deploy it (RemoteTaskTests): scores a name, 3 epochs by default.</summary>
public static partial class PythonModels
{
    [RemoteTask("ml.train")]
    public static partial Task<double> Train(string name);

    [RemoteTask("ml.train")]
    public static partial Task<double> TrainLonger(string name, long epochs);

    /// <summary>Declares the input as a number, where the deployed task takes a string: the call must fail with one line.</summary>
    [RemoteTask("ml.train")]
    public static partial Task<double> TrainByNumber(long name);
}

/// <summary>The quickstart sample's Square, deployed from its own assembly, called by name.</summary>
public static partial class QuickstartTasks
{
    [RemoteTask("quickstart.Square")]
    public static partial Task<int> Square(int x);
}

[TaskEnvironment("remote")]
public static partial class RemoteCalls
{
    [Workflow]
    public static async Task<double> TrainTwice(string name)
    {
        double quick = await PythonModels.Train(name);
        double longer = await PythonModels.TrainLonger(name, 10);
        return quick + longer;
    }

    [Workflow]
    public static async Task<double> TrainByNumber(long name) => await PythonModels.TrainByNumber(name);

    [Workflow]
    public static async Task<int> SumOfSquares(int n)
    {
        var squares = await Task.WhenAll(Enumerable.Range(1, n).Select(x => QuickstartTasks.Square(x)));
        return squares.Sum();
    }
}
