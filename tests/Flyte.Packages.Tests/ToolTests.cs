using System.Text.Json;
using System.Text.RegularExpressions;
using Flyte.Packages.Tests.Infrastructure;

namespace Flyte.Packages.Tests;

/// <summary>
/// A project made from the template, with nothing but the feed's packages: <c>dotnet build</c> leaves its registrable
/// artifacts, and the <c>flyte</c> tool installed with <c>dotnet tool install</c> runs it locally, starts a devbox,
/// deploys it there and runs it there.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ToolTests(PackageFeed feed)
{
    private static readonly TimeSpan DotnetBound = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_build_writes_the_task_specs_and_the_installed_tool_runs_deploys_and_runs_remotely()
    {
        using var user = new UserEnvironment();
        var project = UserProject.Create(feed, user, "MyPipeline");

        project.Dotnet(DotnetBound, "build");
        AssertArtifacts(project);

        var flyte = InstalledTool.Install(feed, user);

        string local = flyte.Run(project.Directory, "run", "--local", "MyPipeline", "my-pipeline.SumOfSquares", "--n", "4", "--json");
        Assert.Contains("{\"o0\":30}", local);

        using var devbox = await flyte.StartDevboxAsync();
        string endpoint = devbox.ReadyLine.Groups["endpoint"].Value;
        string deploy = flyte.Run(project.Directory, "deploy", "MyPipeline", "--endpoint", endpoint);
        Assert.Contains("Deploying 2 tasks of MyPipeline", deploy);
        string remote = flyte.Run(project.Directory, "run", "MyPipeline", "my-pipeline.SumOfSquares", "--n", "4", "--endpoint", endpoint, "--json");
        Assert.True(remote.Contains("{\"o0\":30}", StringComparison.Ordinal), $"{remote}\n--- devbox:\n{devbox.Output}");

        // The installed tool's devbox serves its web console from its own assembly, and a run prints its page there.
        Assert.Contains($"the console: {endpoint}/", devbox.Output);
        using var http = new HttpClient();
        Assert.Contains("/console/console.js", await http.GetStringAsync(endpoint + "/"));
        Assert.Contains("watchRuns", await http.GetStringAsync(endpoint + "/console/console.js"));
        string followed = flyte.Run(project.Directory, "run", "MyPipeline", "my-pipeline.Square", "--x", "3", "--endpoint", endpoint);
        Assert.Matches($@"(?m)^{Regex.Escape(endpoint)}/v2/runs/project/flytesnacks/domain/development/[a-z0-9]+\r?$", followed);
    }

    /// <summary>What <c>dotnet build</c> of the task project leaves in bin/…/flyte/, and that its test project, which gets the build step through its reference, has none.</summary>
    private static void AssertArtifacts(UserProject project)
    {
        string artifacts = project.Combine("MyPipeline", "bin", "Debug", "net10.0", "flyte");
        Assert.True(File.Exists(Path.Combine(artifacts, "manifest.json")), $"dotnet build wrote no {artifacts}/manifest.json");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(artifacts, "manifest.json")));
        Assert.Equal("MyPipeline", manifest.RootElement.GetProperty("assembly").GetString());
        Assert.Equal(["my-pipeline.Square", "my-pipeline.SumOfSquares"],
            manifest.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(artifacts, "my-pipeline.Square.pb")));
        Assert.False(File.Exists(project.Combine("MyPipeline.Tests", "bin", "Debug", "net10.0", "flyte", "manifest.json")), "the test project, which has no tasks, got a manifest");
    }
}
