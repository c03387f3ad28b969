using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Deploy;

public sealed class DeployCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Dry_run_lists_each_task_with_version_image_and_interface()
    {
        string artifacts = await SerializeQuickstartAsync("--version", "v7", "--image", "registry/quickstart:7");

        var result = await InProcessCli.RunAsync("deploy", "--dry-run", artifacts);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("would register 2 tasks of Quickstart", result.Out);
        Assert.Contains("quickstart.MeanOfSquares (workflow Samples.Quickstart.MeanOfSquares)", result.Out);
        Assert.Contains("quickstart.Square (task Samples.Quickstart.Square)", result.Out);
        Assert.Matches(@"version\s+v7", result.Out);
        Assert.Matches(@"image\s+registry/quickstart:7", result.Out);
        Assert.Matches(@"inputs\s+n: INTEGER", result.Out);
        Assert.Matches(@"outputs\s+o0: FLOAT", result.Out);
        Assert.Matches(@"resources\s+requests cpu=1 memory=512Mi", result.Out);
        Assert.Matches(@"policy\s+retries 2, cache on", result.Out);
    }

    [Fact]
    public async Task Dry_run_explains_placeholders()
    {
        string artifacts = await SerializeQuickstartAsync();

        var result = await InProcessCli.RunAsync("deploy", "--dry-run", artifacts);

        Assert.Contains("{{.version}} (set at deploy: the code bundle's hash)", result.Out);
    }

    [Fact]
    public async Task Without_dry_run_it_says_a_control_plane_is_needed_and_exits_2()
    {
        string artifacts = await SerializeQuickstartAsync();

        var result = await InProcessCli.RunAsync("deploy", artifacts);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("control plane", Assert.Single(result.Error.TrimEnd().Split('\n')));
    }

    [Fact]
    public async Task A_spec_that_no_longer_matches_the_manifest_is_refused()
    {
        string artifacts = await SerializeQuickstartAsync();
        await File.AppendAllTextAsync(Path.Combine(artifacts, "quickstart.Square.pb"), "x");

        var result = await InProcessCli.RunAsync("deploy", "--dry-run", artifacts);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("quickstart.Square.pb does not match the manifest", result.Error);
    }

    [Fact]
    public async Task A_folder_without_a_manifest_is_refused()
    {
        var result = await InProcessCli.RunAsync("deploy", "--dry-run", _scratch.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no manifest.json", result.Error);
    }

    private async Task<string> SerializeQuickstartAsync(params string[] options)
    {
        string output = _scratch.Combine("artifacts");
        var result = await InProcessCli.RunAsync(["serialize", TaskAssemblies.Quickstart, "--out", output, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }
}
