using Flyte.Generation;
using Flyte.Runtime.Execution;
using Flyteidl2.Core;
using Google.Protobuf;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flyte.Runtime.Tests;

/// <summary>
/// Code built with another Flyte.Sdk than a0's (an old base image's a0, code built with a newer SDK): a0 binds the code
/// to its own Flyte.Sdk, the code's module initializer calls what that SDK lacks, and a0 says which versions differ and
/// how to fix it, not only "the type initializer for '&lt;Module&gt;' threw".
/// </summary>
public sealed class SdkVersionMismatchTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "a0-sdk-mismatch-" + Guid.NewGuid().ToString("N"));

    public SdkVersionMismatchTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Code_built_with_a_newer_sdk_fails_with_both_versions_and_the_fix()
    {
        string code = CodeBuiltWithSdk("99.0.0", out string assemblyName);

        var error = RunA0(code, assemblyName);

        Assert.Equal(SdkVersionMismatch.Code, error.Code);
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, error.Kind);
        Assert.Equal(ExecutionError.Types.ErrorKind.System, error.Origin);
        Assert.Contains("built with Flyte.Sdk 99.0.0", error.Message);
        Assert.Contains($"a0 has Flyte.Sdk {SdkInfo.Version}", error.Message);
        Assert.Contains("FlyteBaseImage", error.Message);
        // The runtime's own failure, unwrapped from the TypeInitializationException that names only '<Module>'.
        Assert.Contains("FutureRegistration", error.Message);
        Assert.DoesNotContain("<Module>", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_same_failure_with_the_same_sdk_version_is_not_blamed_on_the_version()
    {
        string code = CodeBuiltWithSdk(SdkInfo.Version, out string assemblyName);

        var error = RunA0(code, assemblyName);

        Assert.Equal("TaskLoadFailed", error.Code);
        Assert.DoesNotContain("built with Flyte.Sdk", error.Message);
        Assert.Contains("FutureRegistration", error.Message);
    }

    [Fact]
    public void Code_without_a_flyte_sdk_dll_has_no_version_to_compare()
    {
        Assert.Null(SdkVersionMismatch.Explain(_work, SdkInfo.Version));
    }

    private ContainerError RunA0(string code, string assemblyName)
    {
        string inputs = Path.Combine(_work, "inputs.pb");
        File.WriteAllBytes(inputs, new Flyteidl2.Task.Inputs().ToByteArray());
        string outputs = Path.Combine(_work, "a0", "0");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exitCode = A0Command.Run(
            ["--inputs", inputs, "--outputs-path", outputs, "--dest", code, "--resolver", "flyte-dotnet", "assembly", assemblyName, "task", "stale.Task"],
            CommandLines.NoEnvironment, stdout, stderr);

        // a0 finished its job: the failure is in error.pb for the control plane, not a crash.
        Assert.True(exitCode == 0, stdout.ToString() + stderr);
        return ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(outputs, "error.pb"))).Error;
    }

    /// <summary>
    /// A code folder as a bundle of a build against Flyte.Sdk <paramref name="sdkVersion"/> would have: the task assembly
    /// and that SDK's Flyte.Sdk.dll. The stand-in SDK has a0's assembly version (so the code binds to a0's copy) and one
    /// API a0's lacks, which the task assembly's module initializer calls, as generated registration code would.
    /// </summary>
    private string CodeBuiltWithSdk(string sdkVersion, out string assemblyName)
    {
        string code = Path.Combine(_work, "code");
        Directory.CreateDirectory(code);
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).Equals("Flyte.Sdk.dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();

        var a0Sdk = typeof(SdkInfo).Assembly.GetName();
        string sdkPath = Path.Combine(code, "Flyte.Sdk.dll");
        Emit("Flyte.Sdk", $$"""
            [assembly: System.Reflection.AssemblyVersion("{{a0Sdk.Version}}")]
            [assembly: System.Reflection.AssemblyInformationalVersion("{{sdkVersion}}+0123abcd")]
            namespace Flyte.Generation { public static class FutureRegistration { public static void Register() { } } }
            """, platform, sdkPath);

        // Unique per test: the test process keeps every assembly it loads.
        assemblyName = "StaleTasks" + Guid.NewGuid().ToString("N")[..8];
        Emit(assemblyName, """
            namespace Stale
            {
                internal static class Registration
                {
                    [System.Runtime.CompilerServices.ModuleInitializer]
                    internal static void Register() => Flyte.Generation.FutureRegistration.Register();
                }
            }
            """, [.. platform, MetadataReference.CreateFromFile(sdkPath)], Path.Combine(code, assemblyName + ".dll"));
        return code;
    }

    private static void Emit(string assemblyName, string source, IEnumerable<MetadataReference> references, string path)
    {
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
    }
}
