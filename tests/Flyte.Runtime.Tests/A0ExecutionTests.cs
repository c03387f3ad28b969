using Flyte.Generation;
using System.Formats.Tar;
using System.IO.Compression;
using Flyte.Bundles;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Runtime.Tests;

/// <summary>a0 runs a task from local files or a code bundle and leaves outputs.pb or error.pb under the output prefix.</summary>
public sealed class A0ExecutionTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "a0-tests-" + Guid.NewGuid().ToString("N"));

    public A0ExecutionTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Inputs(params (string Name, Literal Value)[] inputs)
    {
        var message = new Flyteidl2.Task.Inputs();
        foreach (var (name, value) in inputs)
        {
            message.Literals.Add(new Flyteidl2.Task.NamedLiteral { Name = name, Value = value });
        }
        string path = Path.Combine(_work, "inputs.pb");
        File.WriteAllBytes(path, message.ToByteArray());
        return path;
    }

    private string Outputs => Path.Combine(_work, "a0", "0");

    private (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => RunWith(CommandLines.NoEnvironment, args);

    private static (int ExitCode, string Stdout, string Stderr) RunWith(Func<string, string?> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = A0Command.Run(args, environment, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private string[] CommandLine(string inputs, string assembly, string task, params string[] extra) =>
        ["--inputs", inputs, "--outputs-path", Outputs, .. extra, "--resolver", "flyte-dotnet", "assembly", assembly, "task", task];

    private Flyteidl2.Task.Outputs ReadOutputs() => Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Outputs, "outputs.pb")));

    private ContainerError ReadError() => ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Outputs, "error.pb"))).Error;

    [Fact]
    public void Runs_a_task_from_the_code_folder_and_writes_outputs()
    {
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(7)));

        var (exitCode, stdout, stderr) = Run(CommandLine(inputs, "Quickstart", "quickstart.Square", "--dest", SampleOutputs.Quickstart));

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal(49, Assert.Single(ReadOutputs().Literals).Value.Scalar.Primitive.Integer);
        Assert.False(File.Exists(Path.Combine(Outputs, "error.pb")));
    }

    [Fact]
    public void A_task_gets_a_library_of_its_own_that_a0_does_not_ship_from_its_folder()
    {
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(SampleOutputs.A0)!, "System.CommandLine.dll")), "a0 must not ship the library for this test to mean anything");
        Assert.True(File.Exists(Path.Combine(SampleOutputs.DevboxTestTasks, "System.CommandLine.dll")));
        string inputs = Inputs(("name", ScalarLiterals.FromString("verbose")));

        var (exitCode, stdout, stderr) = Run(CommandLine(inputs, "Flyte.Devbox.Tests.Tasks", "dependencies.OptionName", "--dest", SampleOutputs.DevboxTestTasks));

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.False(File.Exists(Path.Combine(Outputs, "error.pb")), stdout + stderr);
        Assert.Equal("--verbose", Assert.Single(ReadOutputs().Literals).Value.Scalar.Primitive.StringValue);
    }

    [Fact]
    public void A_declared_secret_that_is_not_set_fails_before_the_task_runs_and_is_not_retried()
    {
        // The control plane sets DB_PASSWORD for Secrets = ["db/password"] (docs/secrets.md); here nothing does.
        Assert.Null(Environment.GetEnvironmentVariable("DB_PASSWORD"));

        var (exitCode, stdout, stderr) = Run(CommandLine(Inputs(), "Flyte.Devbox.Tests.Tasks", "secrets.PasswordLength", "--dest", SampleOutputs.DevboxTestTasks));

        Assert.True(exitCode == 0, stdout + stderr);
        var error = ReadError();
        Assert.Equal("SecretNotFound", error.Code);
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, error.Kind);
        Assert.Equal(ExecutionError.Types.ErrorKind.System, error.Origin);
        Assert.Equal("secret db/password, which secrets.PasswordLength declares, is not set: create it with 'flyte create secret password'", error.Message);
    }

    [Fact]
    public void A_workflow_without_a_control_plane_fails_with_a_SYSTEM_error_that_says_what_is_missing()
    {
        string inputs = Inputs(("n", ScalarLiterals.FromInt64(3)));

        var (exitCode, _, _) = Run(CommandLine(inputs, "Quickstart", "quickstart.MeanOfSquares", "--dest", SampleOutputs.Quickstart));

        Assert.Equal(0, exitCode);
        var error = ReadError();
        Assert.Equal("NoControlPlane", error.Code);
        Assert.Equal(ExecutionError.Types.ErrorKind.System, error.Origin);
        Assert.Contains("_U_EP_OVERRIDE", error.Message);
    }

    [Fact]
    public void A_user_exception_becomes_a_USER_error_and_a0_still_exits_zero()
    {
        // DataPipeline.Fetch fails its first attempt with a RecoverableException.
        string inputs = Inputs(("count", ScalarLiterals.FromInt64(3)));

        var (exitCode, _, _) = Run(CommandLine(inputs, "DataPipeline", "data-pipeline.Fetch", "--dest", SampleOutputs.DataPipeline));

        Assert.Equal(0, exitCode);
        var error = ReadError();
        Assert.Equal(ExecutionError.Types.ErrorKind.User, error.Origin);
        Assert.Equal(ContainerError.Types.Kind.Recoverable, error.Kind);
        Assert.Equal("RecoverableException", error.Code);
        Assert.StartsWith("Flyte.RecoverableException: sensor gateway timed out; retrying", error.Message);
        Assert.Contains("DataPipeline.Fetch", error.Message);
        Assert.False(File.Exists(Path.Combine(Outputs, "outputs.pb")));
    }

    [Fact]
    public void Inputs_that_do_not_fit_the_task_are_a_SYSTEM_error_no_retry_can_mend()
    {
        string inputs = Inputs(("x", ScalarLiterals.FromString("seven")));

        var (exitCode, _, _) = Run(CommandLine(inputs, "Quickstart", "quickstart.Square", "--dest", SampleOutputs.Quickstart));

        Assert.Equal(0, exitCode);
        var error = ReadError();
        Assert.Equal("InputsMismatch", error.Code);
        Assert.Equal(ExecutionError.Types.ErrorKind.System, error.Origin);
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, error.Kind);
    }

    [Fact]
    public void A_missing_task_is_a_recoverable_SYSTEM_error()
    {
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(1)));

        var (exitCode, _, _) = Run(CommandLine(inputs, "Quickstart", "quickstart.Cube", "--dest", SampleOutputs.Quickstart));

        Assert.Equal(0, exitCode);
        var error = ReadError();
        Assert.Equal(ExecutionError.Types.ErrorKind.System, error.Origin);
        Assert.Equal(ContainerError.Types.Kind.Recoverable, error.Kind);
        Assert.Equal("TaskNotFound", error.Code);
        Assert.Contains("quickstart.MeanOfSquares, quickstart.Square", error.Message);
    }

    [Fact]
    public void An_assembly_that_does_not_load_is_a_SYSTEM_error_not_a_crash()
    {
        string code = Path.Combine(_work, "code");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(code, "Broken.dll"), "not a .NET assembly");
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(1)));

        var (exitCode, _, _) = Run(CommandLine(inputs, "Broken", "broken.Task", "--dest", code));

        Assert.Equal(0, exitCode);
        var error = ReadError();
        Assert.Equal(ExecutionError.Types.ErrorKind.System, error.Origin);
        Assert.Equal("TaskLoadFailed", error.Code);
        Assert.Contains("BadImageFormatException", error.Message);
    }

    [Fact]
    public void Missing_inputs_file_is_a_storage_error()
    {
        var (exitCode, _, _) = Run(CommandLine(Path.Combine(_work, "nowhere.pb"), "Quickstart", "quickstart.Square", "--dest", SampleOutputs.Quickstart));

        Assert.Equal(0, exitCode);
        Assert.Equal("StorageError", ReadError().Code);
    }

    [Fact]
    public async Task Runs_a_task_from_a_code_bundle_in_an_object_store()
    {
        var bundle = await CodeBundle.CreateFileAsync(SampleOutputs.Quickstart, Path.Combine(_work, "store"));
        string code = Path.Combine(_work, "code");
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(-4)));

        var (exitCode, stdout, stderr) = Run(CommandLine(inputs, "Quickstart", "quickstart.Square",
            "--tgz", new Uri(bundle.Path).AbsoluteUri, "--dest", code, "--version", bundle.Md5Hex));

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.True(File.Exists(Path.Combine(code, "Quickstart.dll")));
        Assert.Equal(16, Assert.Single(ReadOutputs().Literals).Value.Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task With_a_bundle_cache_the_second_attempt_copies_the_unpacked_bundle_without_fetching_it()
    {
        var bundle = await CodeBundle.CreateFileAsync(SampleOutputs.Quickstart, Path.Combine(_work, "store"));
        string cache = Path.Combine(_work, "bundles");
        Func<string, string?> environment = name => name == UnpackedBundleCache.Variable ? cache : null;
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(5)));
        // The MD5 as the executor may pass it: upper-case hex names the same cached folder.
        string[] Attempt(string code) => CommandLine(inputs, "Quickstart", "quickstart.Square",
            "--tgz", new Uri(bundle.Path).AbsoluteUri, "--dest", code, "--version", bundle.Md5Hex.ToUpperInvariant());

        var first = RunWith(environment, Attempt(Path.Combine(_work, "code-1")));
        Assert.True(first.ExitCode == 0 && File.Exists(Path.Combine(Outputs, "outputs.pb")), first.Stdout + first.Stderr);
        Assert.True(File.Exists(Path.Combine(cache, bundle.Md5Hex, "Quickstart.dll")));

        File.Delete(bundle.Path);
        File.Delete(Path.Combine(Outputs, "outputs.pb"));
        var second = RunWith(environment, Attempt(Path.Combine(_work, "code-2")));

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal(25, Assert.Single(ReadOutputs().Literals).Value.Scalar.Primitive.Integer);
        Assert.Equal(TempTree(Path.Combine(_work, "code-1")), TempTree(Path.Combine(_work, "code-2")));
    }

    [Fact]
    public async Task A_bundle_cache_that_cannot_be_written_is_passed_by_and_the_bundle_unpacked_as_without_one()
    {
        var bundle = await CodeBundle.CreateFileAsync(SampleOutputs.Quickstart, Path.Combine(_work, "store"));
        string notAFolder = Path.Combine(_work, "cache-file");
        File.WriteAllText(notAFolder, "a file where the cache folder should be");
        Func<string, string?> environment = name => name == UnpackedBundleCache.Variable ? notAFolder : null;
        string code = Path.Combine(_work, "code");

        var (exitCode, stdout, stderr) = RunWith(environment, CommandLine(Inputs(("x", ScalarLiterals.FromInt64(3))), "Quickstart", "quickstart.Square",
            "--tgz", new Uri(bundle.Path).AbsoluteUri, "--dest", code, "--version", bundle.Md5Hex));

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Equal(9, Assert.Single(ReadOutputs().Literals).Value.Scalar.Primitive.Integer);
        Assert.True(File.Exists(Path.Combine(code, "Quickstart.dll")));
    }

    private static List<string> TempTree(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_bundle_that_does_not_match_its_version_is_refused()
    {
        var bundle = await CodeBundle.CreateFileAsync(SampleOutputs.Quickstart, Path.Combine(_work, "store"));
        string code = Path.Combine(_work, "code");
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(1)));

        var (exitCode, _, _) = Run(CommandLine(inputs, "Quickstart", "quickstart.Square",
            "--tgz", bundle.Path, "--dest", code, "--version", new string('0', 32)));

        Assert.Equal(0, exitCode);
        Assert.Equal("BundleRejected", ReadError().Code);
        Assert.False(File.Exists(Path.Combine(code, "Quickstart.dll")));
    }

    [Fact]
    public void A_bundle_with_an_entry_escaping_the_destination_is_refused_and_nothing_is_written()
    {
        string bundle = Path.Combine(_work, "escaping.tar.gz");
        using (var file = File.Create(bundle))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Quickstart.dll") { DataStream = new MemoryStream([1, 2, 3]) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escaped.txt") { DataStream = new MemoryStream([4]) });
        }
        string parent = Path.Combine(_work, "pod");
        string code = Path.Combine(parent, "code");
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(1)));

        var (exitCode, _, _) = Run(CommandLine(inputs, "Quickstart", "quickstart.Square", "--tgz", bundle, "--dest", code));

        Assert.Equal(0, exitCode);
        var error = ReadError();
        Assert.Equal("BundleRejected", error.Code);
        Assert.Contains("../escaped.txt", error.Message);
        Assert.False(File.Exists(Path.Combine(parent, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(code, "Quickstart.dll")));
    }

    [Fact]
    public void An_unwritable_output_prefix_is_the_only_non_zero_exit()
    {
        string inputs = Inputs(("x", ScalarLiterals.FromInt64(2)));
        string blocked = Path.Combine(_work, "file-in-the-way");
        File.WriteAllText(blocked, "");

        var stdout = new StringWriter();
        int exitCode = A0Command.Run(
            ["--inputs", inputs, "--outputs-path", Path.Combine(blocked, "out"), "--dest", SampleOutputs.Quickstart, "--resolver", "flyte-dotnet", "assembly", "Quickstart", "task", "quickstart.Square"],
            CommandLines.NoEnvironment, stdout, new StringWriter());

        Assert.Equal(1, exitCode);
        Assert.Contains("could not write the result", stdout.ToString());
    }
}
