namespace Flyte.Runtime.Tests;

/// <summary>How a0 exits on command lines it cannot use (execution: see A0ExecutionTests).</summary>
public class A0CommandTests
{
    [Fact]
    public void Invalid_command_line_prints_the_error_to_stderr_and_exits_two()
    {
        var (exitCode, stdout, stderr) = Run(["--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver]);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Equal($"a0: error: missing --inputs: pass the location of inputs.pb, e.g. --inputs s3://bucket/run/a0/inputs.pb{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Built_a0_executable_exits_two_on_a_bad_command_line()
    {
        var (exitCode, output) = A0Process.Run("--pkl", "s3://bucket/task.pkl");

        Assert.Equal(2, exitCode);
        Assert.Contains("a0: error: --pkl is not supported", output);
    }

    [Fact]
    public void Built_a0_executable_runs_a_task_and_exits_zero()
    {
        string work = Path.Combine(Path.GetTempPath(), "a0-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var inputs = new Flyteidl2.Task.Inputs { Literals = { new Flyteidl2.Task.NamedLiteral { Name = "x", Value = Flyte.Generation.ScalarLiterals.FromInt64(9) } } };
            File.WriteAllBytes(Path.Combine(work, "inputs.pb"), Google.Protobuf.MessageExtensions.ToByteArray(inputs));

            var (exitCode, output) = A0Process.Run(
                "--inputs", Path.Combine(work, "inputs.pb"), "--outputs-path", Path.Combine(work, "out"), "--dest", SampleOutputs.Quickstart,
                "--resolver", "flyte-dotnet", "assembly", "Quickstart", "task", "quickstart.Square");

            Assert.True(exitCode == 0, output);
            var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(work, "out", "outputs.pb")));
            Assert.Equal(81, Assert.Single(outputs.Literals).Value.Scalar.Primitive.Integer);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = A0Command.Run(args, CommandLines.NoEnvironment, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
