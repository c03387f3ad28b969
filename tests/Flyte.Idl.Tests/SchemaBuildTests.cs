namespace Flyte.Idl.Tests;

/// <summary>The build step that fetches the schema: incremental, and one clear line when npm cannot deliver.</summary>
public class SchemaBuildTests
{
    private static readonly Dictionary<string, string> NoExtraEnvironment = new();

    [Fact]
    public void Second_build_does_not_regenerate_the_schema()
    {
        // Into an output folder of its own (MSBuild's ArtifactsPath): the repository's obj/ is the solution build's, and
        // other test assemblies build projects that reference Flyte.Idl at the same time. Only the schema's targets run
        // (the step every build of Flyte.Idl starts with), not the compiler, which has nothing to do with incrementality.
        string artifacts = Path.Combine(Path.GetTempPath(), "flyte-idl-incremental-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] build = ["build", "src/Flyte.Idl/Flyte.Idl.csproj", "-f", "net10.0", "-t:FlyteIdlEnsureGenerated", "-v:n", "-nologo", $"-p:ArtifactsPath={artifacts}"];
            var first = DotnetCommand.Run(RepositoryPaths.Root, NoExtraEnvironment, build);
            var second = DotnetCommand.Run(RepositoryPaths.Root, NoExtraEnvironment, [.. build, "--no-restore"]);

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains($"generating C# for the flyteidl2 schema into {artifacts}", first.Output);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("Skipping target \"FlyteIdlInstallSchema\"", second.Output);
            Assert.Contains("Skipping target \"FlyteIdlGenerate\"", second.Output);
            Assert.DoesNotContain("generating C# for the flyteidl2 schema", second.Output);
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    [Fact]
    public void Build_without_a_reachable_npm_registry_fails_with_one_clear_line()
    {
        string copy = CopyIdlProjectWithoutNodeModules();
        try
        {
            var environment = new Dictionary<string, string>
            {
                // Nothing listens on port 9 of loopback, and an empty cache cannot serve the package.
                ["npm_config_registry"] = "http://127.0.0.1:9/",
                ["npm_config_cache"] = Path.Combine(copy, "empty-npm-cache"),
                ["npm_config_fetch_retries"] = "0",
            };

            var result = DotnetCommand.Run(copy, environment, "build", "src/Flyte.Idl/Flyte.Idl.csproj", "-nologo");

            Assert.NotEqual(0, result.ExitCode);
            // MSBuild repeats errors in its summary; what matters is that there is one distinct error.
            string[] errorLines = result.Output.Split('\n')
                .Where(line => line.Contains(": error", StringComparison.Ordinal))
                .Select(line => line.Trim())
                .Distinct()
                .ToArray();
            string errorLine = Assert.Single(errorLines);
            Assert.Contains("Flyte.Idl could not install @flyteorg/flyteidl2 with 'npm ci'", errorLine);
            Assert.Contains("make the npm registry reachable", errorLine);
            Assert.False(Directory.Exists(Path.Combine(copy, "src/Flyte.Idl/obj/idl/cs")), "nothing may be generated");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static string CopyIdlProjectWithoutNodeModules()
    {
        string copy = Path.Combine(Path.GetTempPath(), "flyte-idl-build-" + Guid.NewGuid().ToString("N"));
        string idl = Path.Combine(copy, "src/Flyte.Idl");
        Directory.CreateDirectory(Path.Combine(idl, "build"));
        Directory.CreateDirectory(Path.Combine(idl, "schema"));
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(copy, file));
        }
        foreach (string file in new[] { "Flyte.Idl.csproj", "build/FlyteIdl.targets", "schema/package.json", "schema/package-lock.json", "schema/build-descriptor-set.mjs" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, "src/Flyte.Idl", file), Path.Combine(idl, file));
        }
        return copy;
    }
}
