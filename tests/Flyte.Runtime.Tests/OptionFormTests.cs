using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>Every option is accepted as <c>--opt value</c> and as <c>--opt=value</c>.</summary>
public class OptionFormTests
{
    public static TheoryData<string, bool> StringOptions()
    {
        var data = new TheoryData<string, bool>();
        foreach (string option in (string[])
        [
            "--inputs", "--outputs-path", "--version", "--run-base-dir", "--raw-data-path", "--checkpoint-path",
            "--prev-checkpoint", "--name", "--run-name", "--project", "--domain", "--org", "--tgz", "--dest",
        ])
        {
            data.Add(option, false);
            data.Add(option, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StringOptions))]
    public void String_option_is_read_in_both_forms(string option, bool inline)
    {
        string value = $"value-of{option}";
        string[] given = inline ? [$"{option}={value}"] : [option, value];
        string[] args = option switch
        {
            "--inputs" => [.. given, "--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver],
            "--outputs-path" => ["--inputs", CommandLines.Inputs, .. given, .. CommandLines.Resolver],
            _ => CommandLines.Minimal(given),
        };

        A0ParseResult result = A0ArgumentParser.Parse(args, CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Warnings);
        Assert.Equal(value, Read(result.Arguments, option));
    }

    [Theory]
    [InlineData("-i", "--inputs")]
    [InlineData("-o", "--outputs-path")]
    [InlineData("-v", "--version")]
    [InlineData("-r", "--raw-data-path")]
    [InlineData("-c", "--checkpoint-path")]
    [InlineData("-p", "--prev-checkpoint")]
    public void Short_alias_reads_like_its_long_option(string alias, string option)
    {
        string[] args = ["-i", CommandLines.Inputs, "-o", CommandLines.OutputsPath, .. CommandLines.Resolver];
        if (alias is not ("-i" or "-o"))
        {
            args = [alias, "s3://bucket/by-alias", .. args];
        }

        A0Arguments a = CommandLines.ParseOk(args);

        string expected = alias switch
        {
            "-i" => CommandLines.Inputs,
            "-o" => CommandLines.OutputsPath,
            _ => "s3://bucket/by-alias",
        };
        Assert.Equal(expected, Read(a, option));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_start_time_is_read_in_both_forms_and_kept_in_utc(bool inline)
    {
        const string time = "2025-06-01T14:30:00+02:00";
        string[] given = inline ? [$"--run-start-time={time}"] : ["--run-start-time", time];

        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(given));

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 30, 0, TimeSpan.Zero), a.RunStartTime);
        Assert.Equal(TimeSpan.Zero, a.RunStartTime!.Value.Offset);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Image_cache_is_read_in_both_forms(bool inline)
    {
        string blob = ImageCacheBlob.Build("""{"image_lookup":{"quickstart":"ghcr.io/acme/quickstart:1"}}""");
        string[] given = inline ? [$"--image-cache={blob}"] : ["--image-cache", blob];

        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(given));

        Assert.Equal("ghcr.io/acme/quickstart:1", a.ImageCache["quickstart"]);
        Assert.Equal(blob, a.ImageCacheTransport);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolver_is_read_in_both_forms(bool inline)
    {
        string[] resolver = inline ? ["--resolver=flyte-dotnet"] : ["--resolver", "flyte-dotnet"];
        string[] args = ["--inputs", CommandLines.Inputs, "--outputs-path", CommandLines.OutputsPath, .. resolver, "task", "Quickstart.Square"];

        A0Arguments a = CommandLines.ParseOk(args);

        Assert.Equal("flyte-dotnet", a.Resolver);
        Assert.Equal("Quickstart.Square", a.TaskName);
    }

    [Fact]
    public void Option_repeated_keeps_the_last_value_and_warns()
    {
        A0ParseResult result = A0ArgumentParser.Parse(
            CommandLines.Minimal("--version", "v1", "--version=v2"), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("v2", result.Arguments.Version);
        Assert.Equal(["--version given more than once; using the last value"], result.Warnings);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--tgz")]
    public void Option_followed_by_another_option_has_no_value(string option)
    {
        string[] args = ["--inputs", CommandLines.Inputs, option, "--outputs-path", CommandLines.OutputsPath, .. CommandLines.Resolver];

        string error = CommandLines.ParseError(args);

        Assert.Equal($"{option} needs a value: {option} <value> or {option}=<value>", error);
    }

    [Fact]
    public void Option_at_the_end_has_no_value()
    {
        string error = CommandLines.ParseError(["--inputs", CommandLines.Inputs, "--outputs-path"]);

        Assert.Equal("--outputs-path needs a value: --outputs-path <value> or --outputs-path=<value>", error);
    }

    [Fact]
    public void Inline_form_splits_on_the_first_equals_sign_only()
    {
        // base64 (--image-cache) and signed URLs end in or contain '='.
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--tgz=s3://b/code.tar.gz?sig=ab==", "--version", "x=="));

        Assert.Equal("s3://b/code.tar.gz?sig=ab==", a.CodeBundle);
        Assert.Equal("x==", a.Version);
    }

    [Fact]
    public void Inline_form_carries_a_value_that_looks_like_an_option()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--version=--odd"));

        Assert.Equal("--odd", a.Version);
    }

    private static string? Read(A0Arguments a, string option) => option switch
    {
        "--inputs" => a.Inputs,
        "--outputs-path" => a.OutputsPath,
        "--version" => a.Version,
        "--run-base-dir" => a.RunBaseDir,
        "--raw-data-path" => a.RawDataPath,
        "--checkpoint-path" => a.CheckpointPath,
        "--prev-checkpoint" => a.PrevCheckpoint,
        "--name" => a.ActionName,
        "--run-name" => a.RunName,
        "--project" => a.Project,
        "--domain" => a.Domain,
        "--org" => a.Org,
        "--tgz" => a.CodeBundle,
        "--dest" => a.CodeBundleDestination,
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, null),
    };
}
