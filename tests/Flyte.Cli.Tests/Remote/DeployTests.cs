using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

public sealed class DeployTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>, IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_build_output_deploys_every_task_and_a_second_deploy_changes_nothing()
    {
        // Its own project, so that other tests' deploys to this devbox do not count; the built assembly, so that no build runs in between.
        string assembly = TaskAssemblies.Quickstart;

        var first = await devbox.RunAsync("deploy", assembly, "--project", "twice");
        var second = await devbox.RunAsync("deploy", assembly, "--project", "twice");

        Assert.True(first.ExitCode == 0, first.ToString());
        string version = TaskLine("quickstart.Square", "deployed").Match(first.Out).Groups["version"].Value;
        Assert.True(Regex.IsMatch(version, "^[0-9a-f]{32}$"), first.ToString());
        Assert.Matches(TaskLine("quickstart.MeanOfSquares", "deployed"), first.Out);
        Assert.Contains($"Deployed 2 tasks at version {version}.", first.Out);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(TaskLine("quickstart.Square", "unchanged").Match(second.Out).Groups["version"].Value == version, second.ToString());
        Assert.Matches(TaskLine("quickstart.MeanOfSquares", "unchanged"), second.Out);
        Assert.Contains($"Nothing new to deploy: version {version} is already deployed.", second.Out);
    }

    [Fact]
    public async Task A_project_folder_is_built_then_its_build_output_deployed()
    {
        CliResult result;
        using (await TestBuilds.LockAsync(TestBuilds.Debug))
        {
            result = await devbox.RunAsync("deploy", TaskAssemblies.QuickstartProjectFolder, "--artifacts-path", TestBuilds.Folder(TestBuilds.Debug));
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        string buildOutput = TestBuilds.Output(TestBuilds.Debug, "Quickstart", "Debug");
        Assert.Contains($"Deploying 2 tasks of Quickstart from {buildOutput} to {devbox.Devbox.Endpoint} (flytesnacks/development)", result.Out);
        Assert.Matches(TaskLine("quickstart.Square", "(deployed|unchanged)"), result.Out);
        Assert.Matches(TaskLine("quickstart.MeanOfSquares", "(deployed|unchanged)"), result.Out);
    }

    [Fact]
    public async Task Project_and_endpoint_options_override_the_config()
    {
        var deploy = await DevboxFixture.RunWithoutConfigAsync(
            "deploy", TaskAssemblies.Quickstart, "--endpoint", devbox.Devbox.Endpoint, "--project", "elsewhere");
        var runThere = await devbox.RunAsync("run", TaskAssemblies.Quickstart, "quickstart.Square", "--x", "3", "--project", "elsewhere", "--json");

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains($"to {devbox.Devbox.Endpoint} (elsewhere/development)", deploy.Out);
        Assert.True(runThere.ExitCode == 0, runThere.ToString());
        Assert.Equal("{\"o0\":9}", runThere.Out.Trim());
    }

    [Fact]
    public async Task A_folder_without_a_project_is_refused()
    {
        var result = await devbox.RunAsync("deploy", _scratch.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"flyte: no project file in {_scratch.Path}; name a project, a folder holding one, or an assembly (.dll)", result.Error.Trim());
    }

    private static Regex TaskLine(string task, string state) => new($@"^\s+{Regex.Escape(task)}\s+{state}\s+(?<version>\S+)$", RegexOptions.Multiline);
}
