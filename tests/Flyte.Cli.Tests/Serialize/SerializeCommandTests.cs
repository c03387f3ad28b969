using System.Text.Json;
using Flyte.Cli.Tests.Infrastructure;
using TaskSpec = Flyteidl2.Task.TaskSpec;

namespace Flyte.Cli.Tests.Serialize;

public sealed class SerializeCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Writes_one_parseable_TaskSpec_per_task_and_a_manifest()
    {
        string output = _scratch.Combine("flyte");

        var result = await InProcessCli.RunAsync("serialize", TaskAssemblies.Quickstart, "--out", output, "--version", "v1", "--image", "registry/quickstart:1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["manifest.json", "quickstart.MeanOfSquares.pb", "quickstart.Square.pb"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var square = TaskSpec.Parser.ParseFrom(await File.ReadAllBytesAsync(Path.Combine(output, "quickstart.Square.pb")));
        Assert.Equal("quickstart.Square", square.TaskTemplate.Id.Name);
        Assert.Equal("v1", square.TaskTemplate.Id.Version);
        Assert.Equal("registry/quickstart:1", square.TaskTemplate.Container.Image);
        Assert.Equal("Square", square.ShortName);
        Assert.Equal("quickstart", square.Environment.Name);
        Assert.Equal(2u, square.TaskTemplate.Metadata.Retries.Retries);

        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("Quickstart", root.GetProperty("assembly").GetString());
        var workflow = root.GetProperty("tasks")[0];
        Assert.Equal("quickstart.MeanOfSquares", workflow.GetProperty("name").GetString());
        Assert.Equal("MeanOfSquares", workflow.GetProperty("shortName").GetString());
        Assert.Equal("quickstart", workflow.GetProperty("environment").GetString());
        Assert.Equal("workflow", workflow.GetProperty("kind").GetString());
        Assert.Equal("INTEGER", workflow.GetProperty("inputs").GetProperty("n").GetString());
        Assert.Equal("FLOAT", workflow.GetProperty("outputs").GetProperty("o0").GetString());
        Assert.Equal("task", root.GetProperty("tasks")[1].GetProperty("kind").GetString());
        byte[] spec = await File.ReadAllBytesAsync(Path.Combine(output, "quickstart.MeanOfSquares.pb"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(spec)), workflow.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Without_version_and_image_the_specs_carry_placeholders_deploy_fills()
    {
        string output = _scratch.Combine("flyte");

        await InProcessCli.RunAsync("serialize", TaskAssemblies.Quickstart, "--out", output);

        var spec = TaskSpec.Parser.ParseFrom(await File.ReadAllBytesAsync(Path.Combine(output, "quickstart.Square.pb")));
        Assert.Equal("{{.version}}", spec.TaskTemplate.Id.Version);
        Assert.Equal("{{.image}}", spec.TaskTemplate.Container.Image);
    }

    [Theory]
    [InlineData(nameof(TaskAssemblies.Quickstart))]
    [InlineData(nameof(TaskAssemblies.TestTasks))]
    public async Task Serializing_twice_gives_byte_identical_files(string assembly)
    {
        string target = assembly == nameof(TaskAssemblies.Quickstart) ? TaskAssemblies.Quickstart : TaskAssemblies.TestTasks;
        string first = _scratch.Combine("first");
        string second = _scratch.Combine("second");

        Assert.Equal(0, (await InProcessCli.RunAsync("serialize", target, "--out", first)).ExitCode);
        Assert.Equal(0, (await InProcessCli.RunAsync("serialize", target, "--out", second)).ExitCode);

        var names = Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(second).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string? name in names)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(first, name!)), await File.ReadAllBytesAsync(Path.Combine(second, name!)));
        }
    }

    [Fact]
    public async Task Unchanged_files_are_not_rewritten_and_stale_specs_are_removed()
    {
        string output = _scratch.Combine("flyte");
        await InProcessCli.RunAsync("serialize", TaskAssemblies.Quickstart, "--out", output);
        string manifest = Path.Combine(output, "manifest.json");
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(manifest, written);
        await File.WriteAllTextAsync(Path.Combine(output, "quickstart.Removed.pb"), "old");

        await InProcessCli.RunAsync("serialize", TaskAssemblies.Quickstart, "--out", output);

        Assert.Equal(written, File.GetLastWriteTimeUtc(manifest));
        Assert.False(File.Exists(Path.Combine(output, "quickstart.Removed.pb")));
    }

    [Fact]
    public async Task Out_is_required()
    {
        var result = await InProcessCli.RunAsync("serialize", TaskAssemblies.Quickstart);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }
}
