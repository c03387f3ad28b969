using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>A whole command line as the executor hands it to a0 (docs/protocol.md, Task container contract), read end to end.</summary>
public class ExecutorCommandLineTests
{
    [Fact]
    public void Substituted_command_line_fills_every_field()
    {
        string[] args =
        [
            "--inputs", "s3://bucket/runs/r1/a0/inputs.pb",
            "--outputs-path", "s3://bucket/runs/r1/a0/1",
            "--version", "0f3c9a",
            "--raw-data-path", "s3://bucket/raw/r1-a0-1",
            "--checkpoint-path", "s3://bucket/raw/r1-a0-1/_flytecheckpoints",
            "--prev-checkpoint", "s3://bucket/raw/r1-a0-0/_flytecheckpoints",
            "--run-name", "r1",
            "--name", "a0",
            "--run-start-time", "2025-06-01T12:30:00Z",
            "--tgz", "s3://bucket/code/fast0f3c9a.tar.gz",
            "--dest", ".",
            "--resolver", "flyte-dotnet", "task", "Quickstart.Square",
        ];
        var environment = CommandLines.Environment(
            ("_U_RUN_BASE", "s3://bucket/runs/r1"),
            ("FLYTE_INTERNAL_EXECUTION_PROJECT", "flytesnacks"),
            ("FLYTE_INTERNAL_EXECUTION_DOMAIN", "development"),
            ("_U_ORG_NAME", "acme"),
            ("_U_EP_OVERRIDE", "localhost:8090"),
            ("_U_INSECURE", "true"),
            ("_U_USE_ACTIONS", "1"));

        A0ParseResult result = A0ArgumentParser.Parse(args, environment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Warnings);
        A0Arguments a = result.Arguments;
        Assert.Equal("s3://bucket/runs/r1/a0/inputs.pb", a.Inputs);
        Assert.Equal("s3://bucket/runs/r1/a0/1", a.OutputsPath);
        Assert.Equal("0f3c9a", a.Version);
        Assert.Equal("s3://bucket/raw/r1-a0-1", a.RawDataPath);
        Assert.Equal("s3://bucket/raw/r1-a0-1/_flytecheckpoints", a.CheckpointPath);
        Assert.Equal("s3://bucket/raw/r1-a0-0/_flytecheckpoints", a.PrevCheckpoint);
        Assert.Equal("r1", a.RunName);
        Assert.Equal("a0", a.ActionName);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 30, 0, TimeSpan.Zero), a.RunStartTime);
        Assert.Equal("s3://bucket/code/fast0f3c9a.tar.gz", a.CodeBundle);
        Assert.Equal(".", a.CodeBundleDestination);
        Assert.Equal("flyte-dotnet", a.Resolver);
        Assert.Equal(["task", "Quickstart.Square"], a.ResolverArgs);
        Assert.Equal("Quickstart.Square", a.TaskName);
        Assert.Equal("s3://bucket/runs/r1", a.RunBaseDir);
        Assert.Equal("flytesnacks", a.Project);
        Assert.Equal("development", a.Domain);
        Assert.Equal("acme", a.Org);
        Assert.Empty(a.ImageCache);
        Assert.Null(a.ImageCacheTransport);
        Assert.Equal(new ControllerSettings("localhost:8090", Insecure: true, UseActions: true), a.Controller);
    }

    [Fact]
    public void Unsubstituted_template_command_line_falls_back_to_the_environment()
    {
        // flyte-sdk's container args as serialized, before any executor substitution of names.
        string[] args =
        [
            "--inputs", "s3://bucket/runs/r1/a0/inputs.pb",
            "--outputs-path", "s3://bucket/runs/r1/a0/0",
            "--version", "0f3c9a",
            "--raw-data-path", "s3://bucket/raw/r1-a0-0",
            "--checkpoint-path", "s3://bucket/raw/r1-a0-0/_flytecheckpoints",
            "--prev-checkpoint", "",
            "--run-name", "{{.runName}}",
            "--name", "{{.actionName}}",
            "--run-start-time", "{{.runStartTime}}",
            "--resolver", "flyte-dotnet", "task", "Quickstart.Square",
        ];
        var environment = CommandLines.Environment(("RUN_NAME", "r1"), ("ACTION_NAME", "a0"));

        A0ParseResult result = A0ArgumentParser.Parse(args, environment);

        Assert.True(result.Succeeded, result.Error);
        A0Arguments a = result.Arguments;
        Assert.Equal("r1", a.RunName);
        Assert.Equal("a0", a.ActionName);
        Assert.Null(a.PrevCheckpoint);
        Assert.Null(a.RunStartTime);
        Assert.Equal(["--run-start-time arrived as the unsubstituted template '{{.runStartTime}}'; treating it as absent"], result.Warnings);
    }
}
