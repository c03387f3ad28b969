using Flyte.Generation;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Runtime.Tests;

/// <summary>
/// a0 compiled natively with a project's tasks in it (src/Flyte.Runtime.Native), as for an image with the code baked in:
/// it runs that project's tasks from local inputs with no code folder at all, and refuses what it cannot do (a code
/// bundle, another project's task) with a SYSTEM error that says why. Publishing it takes a minute or two.
/// </summary>
public sealed class NativeA0Tests : IClassFixture<NativeA0Tests.NativeA0>, IDisposable
{
    private readonly NativeA0 _a0;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "a0-native-" + Guid.NewGuid().ToString("N"));

    public NativeA0Tests(NativeA0 a0)
    {
        _a0 = a0;
        Directory.CreateDirectory(_work);
        var inputs = new Flyteidl2.Task.Inputs();
        inputs.Literals.Add(new Flyteidl2.Task.NamedLiteral { Name = "x", Value = ScalarLiterals.FromInt64(7) });
        File.WriteAllBytes(Path.Combine(_work, "inputs.pb"), inputs.ToByteArray());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The native a0 for the Quickstart sample, published once for the class (built in the tests' own Release folder).</summary>
    public sealed class NativeA0 : IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            string project = Path.Combine(RepositoryPaths.Root, "src", "Flyte.Runtime.Native", "Flyte.Runtime.Native.csproj");
            string quickstart = Path.Combine(RepositoryPaths.Root, "samples", "Quickstart", "Quickstart.csproj");
            var publish = await TestBuilds.DotnetAsync(TestBuilds.Release,
                ["publish", project, "-c", "Release", "-r", "linux-x64", $"-p:FlyteTaskProject={quickstart}", "-o", Folder, "-nologo", "-nodeReuse:false"],
                // About 2 minutes on an idle machine; the native compiler wants both cores, and another clone's suite may hold them.
                TimeSpan.FromMinutes(40));
            Assert.True(publish.ExitCode == 0, publish.Output);
        }

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "a0-native-build-" + Guid.NewGuid().ToString("N"));

        public string Executable => Path.Combine(Folder, "a0");

        public Task DisposeAsync()
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
            return Task.CompletedTask;
        }
    }

    private ChildProcess.Result Run(string assembly, string task, params string[] extra) =>
        ChildProcess.Run(_a0.Executable, ["--inputs", Path.Combine(_work, "inputs.pb"), "--outputs-path", Path.Combine(_work, "out"), .. extra,
            "--resolver", "flyte-dotnet", "assembly", assembly, "task", task], new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), workingDirectory: _work);

    private ContainerError ReadError() => ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(_work, "out", "error.pb"))).Error;

    [Fact]
    public void Is_a_native_executable_with_no_managed_assemblies_beside_it()
    {
        Assert.True(File.Exists(_a0.Executable));
        Assert.Empty(Directory.GetFiles(_a0.Folder, "*.dll"));
    }

    [Fact]
    public void Runs_a_compiled_in_task_from_local_inputs_without_a_code_folder()
    {
        var result = Run("Quickstart", "quickstart.Square");

        Assert.True(result.ExitCode == 0, result.Output);
        var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(_work, "out", "outputs.pb")));
        Assert.Equal(49, Assert.Single(outputs.Literals).Value.Scalar.Primitive.Integer);
    }

    [Fact]
    public void Refuses_a_code_bundle_with_a_system_error_that_says_why()
    {
        var result = Run("Quickstart", "quickstart.Square", "--tgz", "file:///nowhere/fast0123.tar.gz", "--dest", ".");

        Assert.Equal(0, result.ExitCode);
        var error = ReadError();
        Assert.Equal("BundleNotSupported", error.Code);
        Assert.Equal(ContainerError.Types.Kind.Recoverable, error.Kind);
        Assert.Contains("has Quickstart compiled in and runs no code bundle", error.Message);
    }

    [Fact]
    public void Refuses_a_task_of_another_assembly()
    {
        var result = Run("DataPipeline", "data-pipeline.Fetch");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("has Quickstart compiled in, not DataPipeline", ReadError().Message);
    }
}
