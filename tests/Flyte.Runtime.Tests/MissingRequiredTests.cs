namespace Flyte.Runtime.Tests;

/// <summary>Each missing required value gives a one-line error that names it and says how to fix it.</summary>
public class MissingRequiredTests
{
    [Fact]
    public void Missing_inputs()
    {
        string error = CommandLines.ParseError(["--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver]);

        Assert.Equal("missing --inputs: pass the location of inputs.pb, e.g. --inputs s3://bucket/run/a0/inputs.pb", error);
    }

    [Fact]
    public void Empty_inputs_counts_as_missing()
    {
        string error = CommandLines.ParseError(["--inputs=", "--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver]);

        Assert.StartsWith("missing --inputs:", error);
    }

    [Fact]
    public void Missing_outputs_path()
    {
        string error = CommandLines.ParseError(["--inputs", CommandLines.Inputs, .. CommandLines.Resolver]);

        Assert.Equal("missing --outputs-path: pass the prefix for outputs.pb, e.g. --outputs-path s3://bucket/run/a0/0", error);
    }

    [Fact]
    public void Missing_resolver()
    {
        string error = CommandLines.ParseError(["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath]);

        Assert.Equal("missing task reference: the command line must end with --resolver flyte-dotnet task <Class.Method>", error);
    }

    [Fact]
    public void Resolver_without_arguments()
    {
        string error = CommandLines.ParseError(["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, "--resolver", "flyte-dotnet"]);

        Assert.Equal(
            "missing task reference: the command line must end with --resolver flyte-dotnet task <Class.Method>, e.g. --resolver flyte-dotnet task Quickstart.Square",
            error);
    }

    [Fact]
    public void Resolver_task_key_without_a_name()
    {
        string error = CommandLines.ParseError(
            ["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, "--resolver", "flyte-dotnet", "task"]);

        Assert.Equal(
            "resolver argument 'task' has no value; expected --resolver flyte-dotnet task <Class.Method>, e.g. --resolver flyte-dotnet task Quickstart.Square",
            error);
    }

    [Fact]
    public void Resolver_task_left_as_a_template()
    {
        string error = CommandLines.ParseError(
            ["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, "--resolver", "flyte-dotnet", "task", "{{.taskName}}"]);

        Assert.StartsWith("task reference '{{.taskName}}' is not a task name", error);
    }

    [Fact]
    public void Inputs_is_reported_first_when_everything_is_missing()
    {
        string error = CommandLines.ParseError([]);

        Assert.StartsWith("missing --inputs:", error);
    }
}
