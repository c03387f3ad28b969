using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// <c>flyte run</c> on a devbox runs the local build: deployed first when its version (the content hash of the build
/// output) is not deployed yet, left alone when it is; local file inputs are uploaded for the remote task.
/// </summary>
public sealed class RunLocalBuildTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>, IDisposable
{
    private static readonly Regex DeployedLine = new(@"(?m)^Deployed 2 tasks of Quickstart at version (?<version>[0-9a-f]{32}), the version of the local build$");

    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string DevboxTasks => Path.Combine(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks.dll");

    [Fact]
    public async Task A_build_not_deployed_is_deployed_then_run_and_a_changed_build_is_deployed_at_its_new_version()
    {
        // A copy of the build output, so that changing it changes no other test's build; its own project, so that no other test deployed there.
        string build = CopyOfQuickstartBuild();
        string assembly = Path.Combine(build, "Quickstart.dll");
        string changedRun = "changed-" + Guid.NewGuid().ToString("N")[..8];

        var first = await devbox.RunAsync("run", assembly, "quickstart.Square", "--x", "4", "--project", "localbuild");
        var again = await devbox.RunAsync("run", assembly, "quickstart.Square", "--x", "5", "--project", "localbuild");
        await File.WriteAllTextAsync(Path.Combine(build, "changed.txt"), "a change to the local build");
        var changed = await devbox.RunAsync("run", "--name", changedRun, assembly, "quickstart.Square", "--x", "6", "--project", "localbuild");
        var shown = await devbox.RunAsync("get", "run", changedRun, "--project", "localbuild");

        Assert.True(first.ExitCode == 0, first.ToString());
        string version = DeployedLine.Match(first.Out).Groups["version"].Value;
        Assert.True(version.Length > 0, first.ToString());
        Assert.Contains("  o0: 16", first.Out);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("Deployed", again.Out);
        Assert.Contains("  o0: 25", again.Out);

        Assert.True(changed.ExitCode == 0, changed.ToString());
        string changedVersion = DeployedLine.Match(changed.Out).Groups["version"].Value;
        Assert.True(changedVersion.Length > 0 && changedVersion != version, changed.ToString());
        Assert.Contains("  o0: 36", changed.Out);
        Assert.Contains($"Task      quickstart.Square (version {changedVersion})", shown.Out);
    }

    [Fact]
    public async Task With_json_or_no_wait_the_deploy_is_said_on_stderr_and_stdout_stays_for_scripts()
    {
        string assembly = Path.Combine(CopyOfQuickstartBuild(), "Quickstart.dll");

        var json = await devbox.RunAsync("run", assembly, "quickstart.Square", "--x", "3", "--project", "localbuild-json", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("{\"o0\":9}", json.Out.Trim());
        Assert.Matches(DeployedLine, json.Error);
    }

    [Fact]
    public async Task A_local_file_input_is_uploaded_and_a_second_run_with_it_adds_nothing_to_storage()
    {
        string file = _scratch.Combine("lines.txt");
        await File.WriteAllTextAsync(file, "one\ntwo\nthree\nfour\n");

        var first = await devbox.RunAsync("run", DevboxTasks, "files.CountLines", "--file", file, "--project", "file-inputs", "--json");
        var stored = StoredUploads("file-inputs");
        var second = await devbox.RunAsync("run", DevboxTasks, "files.CountLines", "--file", file, "--project", "file-inputs", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("{\"o0\":4}", first.Out.Trim());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("{\"o0\":4}", second.Out.Trim());
        Assert.Contains(stored, path => Path.GetFileName(path) == "lines.txt");
        Assert.Equal(stored, StoredUploads("file-inputs"));
    }

    private string CopyOfQuickstartBuild()
    {
        string source = Path.GetDirectoryName(TaskAssemblies.Quickstart)!;
        string copy = _scratch.Combine("build-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    /// <summary>Everything uploaded to the devbox for the project (code bundles and input files), as relative paths in order.</summary>
    private List<string> StoredUploads(string project)
    {
        string folder = Path.Combine(devbox.DataDirectory, "store", "uploads", project);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
