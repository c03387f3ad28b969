namespace Flyte.Runtime.Tests;

/// <summary>What a0 prints and how it exits, at the current stage (parse and report).</summary>
public class A0CommandTests
{
    [Fact]
    public void Valid_command_line_prints_what_would_run_and_exits_zero()
    {
        var (exitCode, stdout, stderr) = Run(CommandLines.Minimal());

        Assert.Equal(0, exitCode);
        Assert.Equal(
            $"a0: would run task Quickstart.Square with inputs {CommandLines.Inputs}, writing outputs to {CommandLines.OutputsPath}{Environment.NewLine}",
            stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Invalid_command_line_prints_the_error_to_stderr_and_exits_two()
    {
        var (exitCode, stdout, stderr) = Run(["--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver]);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Equal($"a0: error: missing --inputs: pass the location of inputs.pb, e.g. --inputs s3://bucket/run/a0/inputs.pb{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Warnings_go_to_stderr_and_do_not_change_the_exit_code()
    {
        var (exitCode, stdout, stderr) = Run(CommandLines.Minimal("--debug", "False"));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("a0: would run task Quickstart.Square", stdout);
        Assert.Equal($"a0: warning: ignored unknown option --debug False{Environment.NewLine}", stderr);
    }

    [Fact]
    public void Built_a0_executable_exits_two_on_a_bad_command_line()
    {
        var (exitCode, output) = A0Process.Run("--pkl", "s3://bucket/task.pkl");

        Assert.Equal(2, exitCode);
        Assert.Contains("a0: error: --pkl is not supported", output);
    }

    [Fact]
    public void Built_a0_executable_exits_zero_on_a_good_command_line()
    {
        var (exitCode, output) = A0Process.Run(CommandLines.Minimal());

        Assert.Equal(0, exitCode);
        Assert.Contains("a0: would run task Quickstart.Square", output);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = A0Command.Run(args, CommandLines.NoEnvironment, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
