namespace Flyte.Generators.Tests;

/// <summary>The GeneratedCode attribute names the generator's real version, the one its package has.</summary>
public class GeneratedCodeVersionTests
{
    [Fact]
    public void Generated_code_carries_the_generator_package_version()
    {
        var result = GeneratorHarness.Run(("Tasks.cs", "using Flyte; public static partial class C { [Task] public static int M(int x) => x; }"));

        string version = Emitting.Header.GeneratorVersion;
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", version);
        Assert.NotEqual("1.0", version);
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"Flyte.Generators\", \"{version}\")]", result.Sources["C.FlyteTasks.g.cs"]);
    }
}
