using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>A workflow whose task A writes a table and task B reads it, run by the local engine with literals at every boundary.</summary>
public sealed class DataFrameLocalRunTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("flyte-dataframe-runs-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Task_a_writes_a_table_under_its_raw_data_and_task_b_reads_it()
    {
        var options = new LocalRunOptions { RunDirectory = Path.Combine(_home, "run"), CacheDirectory = Path.Combine(_home, "cache"), ActionFiles = ActionFiles.All };

        var run = await Tables.FlyteTasks.SumOfSquares.RunLocalAsync(4, options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(0 + 1 + 4 + 9, run.Value);
        var write = run.Report.Children.Single(child => child.TaskName == Tables.FlyteTasks.Squares.Name);
        var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, write.Name, "0", "outputs.pb")));
        string uri = outputs.Literals.Single().Value.Scalar.StructuredDataset.Uri;
        Assert.StartsWith(Path.Combine(run.RunDirectory, "raw", write.Name, "0") + "/", uri);
        Assert.True(File.Exists(Path.Combine(uri, "00000")));
    }
}
