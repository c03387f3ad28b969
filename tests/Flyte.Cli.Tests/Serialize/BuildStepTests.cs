using Flyte.Cli.Tests.Infrastructure;
using Flyte.Tests.Shared;

namespace Flyte.Cli.Tests.Serialize;

/// <summary>
/// flyte-build as the Flyte.Sdk package ships it: its own assembly and runtimeconfig in a folder of their own, with
/// Flyte.Sdk and everything else found in the build output it reads.
/// </summary>
public sealed class BuildStepTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();
    private readonly string _tool;

    public BuildStepTests()
    {
        // The package's tools/net10.0/any/: nothing beside the tool.
        _tool = _scratch.Combine("tool", "flyte-build.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(_tool)!);
        File.Copy(TaskAssemblies.BuildStep, _tool);
        File.Copy(Path.ChangeExtension(TaskAssemblies.BuildStep, ".runtimeconfig.json"), Path.ChangeExtension(_tool, ".runtimeconfig.json"));
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Alone_in_its_folder_it_writes_the_specs_flyte_serialize_writes()
    {
        string app = CopyOfQuickstartOutput();
        string fromBuildStep = _scratch.Combine("from-build-step");
        string fromCli = _scratch.Combine("from-cli");

        var run = RunBuildStep(Path.Combine(app, "Quickstart.dll"), "--out", fromBuildStep);
        var serialize = await InProcessCli.RunAsync("serialize", Path.Combine(app, "Quickstart.dll"), "--out", fromCli);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(serialize.ExitCode == 0, serialize.ToString());
        Assert.Contains("Wrote 2 task specs of Quickstart", run.Output);
        string[] files = Directory.GetFiles(fromCli).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(["manifest.json", "quickstart.MeanOfSquares.pb", "quickstart.Square.pb"], files);
        Assert.Equal(files, Directory.GetFiles(fromBuildStep).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string name in files)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(fromCli, name)), await File.ReadAllBytesAsync(Path.Combine(fromBuildStep, name)));
        }
    }

    [Fact]
    public void An_assembly_without_tasks_leaves_no_artifacts_and_clears_an_earlier_builds()
    {
        string app = CopyOfQuickstartOutput();
        string output = _scratch.Combine("flyte");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{}");
        File.WriteAllText(Path.Combine(output, "quickstart.Square.pb"), "old");
        File.WriteAllText(Path.Combine(output, "image.json"), "{}");

        // Flyte.Idl has no [Task] methods: a test project that references a task project gets the build step too.
        var run = RunBuildStep(Path.Combine(app, "Flyte.Idl.dll"), "--out", output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["image.json"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_assembly_is_one_error_line_msbuild_shows_as_an_error()
    {
        string missing = _scratch.Combine("bin", "Missing.dll");

        var run = RunBuildStep(missing, "--out", _scratch.Combine("flyte"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"flyte-build : error FLYBUILD : the assembly {missing} does not exist; build the project first", run.Output.Trim());
    }

    [Fact]
    public void An_unknown_option_names_itself_and_the_usage()
    {
        var run = RunBuildStep(TaskAssemblies.Quickstart, "--out", _scratch.Combine("flyte"), "--verbose");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("flyte-build : error FLYBUILD : unknown option --verbose; usage: flyte-build <assembly> --out <folder>", run.Output.Trim());
    }

    private ChildProcess.Result RunBuildStep(params string[] arguments) =>
        ChildProcess.Run("dotnet", ["exec", _tool, .. arguments], new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));

    /// <summary>The sample's build output, where the test may write.</summary>
    private string CopyOfQuickstartOutput()
    {
        string source = Path.GetDirectoryName(TaskAssemblies.Quickstart)!;
        string copy = _scratch.Combine("app");
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("flyte" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, relative))!);
            File.Copy(file, Path.Combine(copy, relative));
        }
        return copy;
    }
}
