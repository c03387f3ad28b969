using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>Values left as <c>{{…}}</c> by the executor fall back to the environment, or become absent.</summary>
public class PlaceholderFallbackTests
{
    public static TheoryData<string, string, string> EnvironmentBackedOptions() => new()
    {
        { "--name", "{{.actionName}}", "ACTION_NAME" },
        { "--run-name", "{{.runName}}", "RUN_NAME" },
        { "--run-base-dir", "{{.runBase}}", "_U_RUN_BASE" },
        { "--project", "{{.project}}", "FLYTE_INTERNAL_EXECUTION_PROJECT" },
        { "--domain", "{{.domain}}", "FLYTE_INTERNAL_EXECUTION_DOMAIN" },
        { "--org", "{{.org}}", "_U_ORG_NAME" },
    };

    [Theory]
    [MemberData(nameof(EnvironmentBackedOptions))]
    public void Placeholder_falls_back_to_its_environment_variable(string option, string placeholder, string variable)
    {
        A0ParseResult result = A0ArgumentParser.Parse(
            CommandLines.Minimal(option, placeholder),
            CommandLines.Environment((variable, "from-env")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Warnings);
        Assert.Equal("from-env", Read(result.Arguments, option));
    }

    [Theory]
    [MemberData(nameof(EnvironmentBackedOptions))]
    public void Placeholder_in_the_inline_form_falls_back_too(string option, string placeholder, string variable)
    {
        A0Arguments a = CommandLines.ParseOk(
            CommandLines.Minimal($"{option}={placeholder}"),
            CommandLines.Environment((variable, "from-env")));

        Assert.Equal("from-env", Read(a, option));
    }

    [Theory]
    [MemberData(nameof(EnvironmentBackedOptions))]
    public void Absent_option_is_read_from_its_environment_variable(string option, string placeholder, string variable)
    {
        _ = placeholder;
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(), CommandLines.Environment((variable, "from-env")));

        Assert.Equal("from-env", Read(a, option));
    }

    [Theory]
    [MemberData(nameof(EnvironmentBackedOptions))]
    public void Given_value_wins_over_the_environment(string option, string placeholder, string variable)
    {
        _ = placeholder;
        A0Arguments a = CommandLines.ParseOk(
            CommandLines.Minimal(option, "from-args"),
            CommandLines.Environment((variable, "from-env")));

        Assert.Equal("from-args", Read(a, option));
    }

    [Theory]
    [MemberData(nameof(EnvironmentBackedOptions))]
    public void Placeholder_without_environment_is_absent_with_a_warning(string option, string placeholder, string variable)
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal(option, placeholder), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(Read(result.Arguments, option));
        string warning = Assert.Single(result.Warnings);
        Assert.Equal($"{option} arrived as the unsubstituted template '{placeholder}' and {variable} is not set; treating it as absent", warning);
    }

    [Fact]
    public void Placeholder_match_is_not_fooled_by_the_case_or_spacing_of_the_template()
    {
        A0Arguments a = CommandLines.ParseOk(
            CommandLines.Minimal("--name", "{{ .ActionName }}"),
            CommandLines.Environment(("ACTION_NAME", "n0")));

        Assert.Equal("n0", a.ActionName);
    }

    [Fact]
    public void Environment_holding_a_placeholder_or_blank_counts_as_unset()
    {
        A0Arguments a = CommandLines.ParseOk(
            CommandLines.Minimal("--name", "{{.actionName}}"),
            CommandLines.Environment(("ACTION_NAME", "{{.actionName}}"), ("RUN_NAME", "  ")));

        Assert.Null(a.ActionName);
        Assert.Null(a.RunName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("{{.prevCheckpointPrefix}}")]
    public void Previous_checkpoint_is_absent_on_a_first_attempt_without_warning(string value)
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal("--prev-checkpoint", value), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Arguments.PrevCheckpoint);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("--raw-data-path", "{{.rawOutputDataPrefix}}")]
    [InlineData("--checkpoint-path", "{{.checkpointOutputPrefix}}")]
    [InlineData("--version", "{{.version}}")]
    public void Placeholder_without_environment_variable_is_absent_with_a_warning(string option, string placeholder)
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal(option, placeholder), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([$"{option} arrived as the unsubstituted template '{placeholder}'; treating it as absent"], result.Warnings);
        A0Arguments a = result.Arguments;
        Assert.Null(option switch
        {
            "--raw-data-path" => a.RawDataPath,
            "--checkpoint-path" => a.CheckpointPath,
            _ => a.Version,
        });
    }

    [Fact]
    public void Unsubstituted_inputs_is_an_error_that_names_the_template()
    {
        string error = CommandLines.ParseError(
            ["--inputs", "{{.input}}", "--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver]);

        Assert.Equal(
            "--inputs arrived as the unsubstituted template '{{.input}}': the executor must replace it with the location of inputs.pb, e.g. --inputs s3://bucket/run/a0/inputs.pb",
            error);
    }

    [Fact]
    public void Unsubstituted_outputs_path_is_an_error_that_names_the_template()
    {
        string error = CommandLines.ParseError(
            ["--inputs", CommandLines.Inputs, "--outputs-path", "{{.outputPrefix}}", .. CommandLines.Resolver]);

        Assert.StartsWith("--outputs-path arrived as the unsubstituted template '{{.outputPrefix}}'", error);
    }

    private static string? Read(A0Arguments a, string option) => option switch
    {
        "--name" => a.ActionName,
        "--run-name" => a.RunName,
        "--run-base-dir" => a.RunBaseDir,
        "--project" => a.Project,
        "--domain" => a.Domain,
        "--org" => a.Org,
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, null),
    };
}
