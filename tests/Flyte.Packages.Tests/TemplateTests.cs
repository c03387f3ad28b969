using System.Text.RegularExpressions;
using Flyte.Packages.Tests.Infrastructure;

namespace Flyte.Packages.Tests;

/// <summary>
/// <c>dotnet new install Flyte.Templates</c>, then <c>dotnet new flyte</c>, as a user outside this repository: the project
/// restores Flyte.Sdk from the feed at the template's own version, builds, runs its workflow and passes its tests.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class TemplateTests(PackageFeed feed)
{
    private static readonly TimeSpan DotnetBound = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_new_project_builds_runs_its_workflow_and_passes_its_tests()
    {
        using var user = new UserEnvironment();
        var project = UserProject.Create(feed, user, "MyPipeline");
        Assert.False(project.Directory.StartsWith(RepositoryPaths.Root, StringComparison.Ordinal), $"{project.Directory} is inside the repository");

        foreach (string file in new[] { "MyPipeline.slnx", "README.md", ".flyte/config.yaml", "MyPipeline/Pipeline.cs", "MyPipeline/Program.cs", "MyPipeline.Tests/PipelineTests.cs" })
        {
            Assert.True(File.Exists(project.Combine(file)), $"dotnet new flyte wrote no {file}");
        }
        Assert.Contains($"<PackageReference Include=\"Flyte.Sdk\" Version=\"{feed.Version}\" />", File.ReadAllText(project.Combine("MyPipeline", "MyPipeline.csproj")));
        Assert.Contains($"dotnet tool install --global Flyte.Cli --version {feed.Version}", File.ReadAllText(project.Combine("README.md")));

        string build = project.Dotnet(DotnetBound, "build");
        // NuGet takes any later version when the feed's is missing (a stale pack in the machine's package folder): only the feed's will do.
        Assert.Equal(feed.Version, project.RestoredVersion("MyPipeline", "Flyte.Sdk"));
        Assert.Equal(feed.Version, project.RestoredVersion("MyPipeline", "Flyte.Idl"));
        Assert.Contains(" 0 Warning(s)", build);

        // Before the tests, so that their fake of Square meets a local cache that holds the real Square's outputs.
        string run = project.Dotnet(DotnetBound, "run", "--project", "MyPipeline", "--", "4");
        Assert.Contains("a0 my-pipeline.SumOfSquares SUCCEEDED", run);
        Assert.Contains("SumOfSquares(n: 4) = 30", run);

        string test = project.Dotnet(DotnetBound, "test");
        Assert.Matches(new Regex(@"Failed:\s+0, Passed:\s+2, Skipped:\s+0, Total:\s+2"), test);
    }

    [Fact]
    public void A_trace_and_a_remote_task_declaration_a_package_user_adds_are_generated_and_the_trace_recorded_in_the_local_run()
    {
        using var user = new UserEnvironment();
        var project = UserProject.Create(feed, user, "Traced");
        string pipeline = project.Combine("Traced", "Pipeline.cs");
        File.WriteAllText(pipeline, File.ReadAllText(pipeline)
            .Replace("        return squares.Sum();", "        return await Total(squares);", StringComparison.Ordinal)
            .Replace("    [Workflow]", "    [Trace]\n    public static Task<int> Total(int[] values) => Task.FromResult(values.Sum());\n\n"
                + "    [RemoteTask(\"ml.train\")]\n    public static partial Task<double> Train(string name);\n\n    [Workflow]", StringComparison.Ordinal));

        string build = project.Dotnet(DotnetBound, "build", "Traced");
        Assert.Contains(" 0 Warning(s)", build);
        string run = project.Dotnet(DotnetBound, "run", "--project", "Traced", "--", "3");

        Assert.Matches(new Regex(@"\n  \w+ Total SUCCEEDED \d+\.\d{3}s \(trace\)\r?\n"), run);
        Assert.Contains("SumOfSquares(n: 3) = 14", run);
    }

    [Fact]
    public void The_project_name_becomes_the_namespace_and_an_environment_name_that_Flyte_accepts()
    {
        using var user = new UserEnvironment();
        var project = UserProject.Create(feed, user, "Acme.Sales_Forecast");

        string pipeline = File.ReadAllText(project.Combine("Acme.Sales_Forecast", "Pipeline.cs"));
        Assert.Contains("namespace Acme.Sales_Forecast;", pipeline);
        Assert.Contains("[TaskEnvironment(\"acme-sales-forecast\"", pipeline);
        Assert.Contains("flyte run --local Acme.Sales_Forecast acme-sales-forecast.SumOfSquares --n 10", File.ReadAllText(project.Combine("README.md")));
        Assert.True(File.Exists(project.Combine("Acme.Sales_Forecast.Tests", "Acme.Sales_Forecast.Tests.csproj")));
        Assert.Contains("Acme.Sales_Forecast.Tests/Acme.Sales_Forecast.Tests.csproj", File.ReadAllText(project.Combine("Acme.Sales_Forecast.slnx")));
    }
}
