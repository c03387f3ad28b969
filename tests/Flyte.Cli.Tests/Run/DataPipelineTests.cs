using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Run;

/// <summary>samples/DataPipeline through the CLI: records, a map, and a task that fails once and succeeds on its retry.</summary>
public sealed class DataPipelineTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task The_workflow_succeeds_after_the_flaky_fetch_retries()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.DataPipeline, "data-pipeline.Run", "--count", "12");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"data-pipeline\.Fetch SUCCEEDED [\d.]+s attempts=2", result.Out);
        Assert.Contains("o0: \"attic: 4 readings, mean 15.5, max 21; cellar: 4 readings, mean 16, max 20; garden: 4 readings, mean 16.5, max 22\"", result.Out);
    }

    [Fact]
    public async Task A_list_of_records_goes_in_as_JSON_and_a_map_of_records_comes_out_as_JSON()
    {
        const string readings = """
            [{"Sensor":"attic","Celsius":10.5,"TakenAt":"2026-11-27T00:00:00Z"},
             {"Sensor":"attic","Celsius":12,"TakenAt":"2026-11-27T00:01:00Z"},
             {"Sensor":"garden","Celsius":-3,"TakenAt":"2026-11-27T00:02:00+01:00"}]
            """;

        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.DataPipeline, "Summarize", "--readings", readings, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """{"o0":{"attic":{"Sensor":"attic","Count":2,"Mean":11.25,"Max":12},"garden":{"Sensor":"garden","Count":1,"Mean":-3,"Max":-3}}}""",
            result.Out.Trim());
    }

    [Fact]
    public async Task A_record_missing_a_property_is_refused_before_anything_runs()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.DataPipeline, "Summarize", "--readings", """[{"Sensor":"attic","Celsius":1}]""");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flyte: input --readings (list of STRUCT Reading): [0]: missing property \"TakenAt\" of Reading", result.Error.TrimEnd());
    }
}
