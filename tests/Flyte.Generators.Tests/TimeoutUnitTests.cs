using System.Runtime.Loader;
using Flyte.Tasks;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Generators.Tests;

/// <summary>
/// Every way [Task(Timeout = …)] may be written ends as the right duration in the task's metadata: the generated
/// assembly is compiled, loaded, and its task turned into a TaskTemplate, whose timeout is compared with fixed values.
/// </summary>
public class TimeoutUnitTests
{
    private const string Usings = "using System; using System.Threading.Tasks; using Flyte;\n";

    [Theory]
    [InlineData("500ms", 0L, 500_000_000)]
    [InlineData("90s", 90L, 0)]
    [InlineData("5m", 300L, 0)]
    [InlineData("2h", 7_200L, 0)]
    [InlineData("1d", 86_400L, 0)]
    [InlineData("01:30:00", 5_400L, 0)]
    [InlineData("1.02:03:04", 93_784L, 0)]
    [InlineData("00:00:01.250", 1L, 250_000_000)]
    public void Each_unit_becomes_the_duration_in_the_task_template(string timeout, long seconds, int nanos)
    {
        var templateTimeout = TemplateTimeoutOf(timeout);

        Assert.Equal(new Duration { Seconds = seconds, Nanos = nanos }, templateTimeout);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("1.5h")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("5 minutes")]
    public void A_timeout_without_a_unit_or_not_positive_is_a_compile_error(string timeout)
    {
        var result = GeneratorHarness.Run(("Test.cs", Usings + Source(timeout)));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY008", diagnostic.Id);
        Assert.Contains($"\"{timeout}\"", diagnostic.GetMessage());
        Assert.Contains("\"500ms\", \"90s\", \"5m\", \"2h\" or \"01:30:00\"", diagnostic.GetMessage());
    }

    private static string Source(string timeout) =>
        $"public static partial class C {{ [Task(Timeout = \"{timeout}\")] public static int M(int x) => x; }}";

    /// <summary>
    /// Compiles the task with the generator, loads its generated task definition and returns the timeout of the
    /// TaskTemplate made from it; the assembly is unloaded only once the template is made.
    /// </summary>
    private static Duration TemplateTimeoutOf(string timeout)
    {
        var result = GeneratorHarness.Run(("Test.cs", Usings + Source(timeout)));
        GoldenFileTests.AssertNoDiagnostics(result);
        using var image = new MemoryStream();
        var emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext($"timeout {timeout}", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(image).GetTypes().Single(t => t.IsSubclassOf(typeof(TaskDefinition)));
            var definition = (TaskDefinition)type.GetProperty("Instance")!.GetValue(null)!;
            return TaskTemplates.Create(definition, new TaskTemplateSettings()).Metadata.Timeout;
        }
        finally
        {
            context.Unload();
        }
    }
}
