using Flyte.Devbox.Services;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Execution;

/// <summary>The one check of every identifier the devbox's API takes (docs/devbox-input.md), on the whole string.</summary>
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("flytesnacks")]
    [InlineData("r1")]
    [InlineData("a.b-c_d")]
    [InlineData("0abc")]
    public void Names_that_pass(string name) => Assert.Equal(name, Identifiers.Name(name, "run_id.name"));

    [Theory]
    [InlineData("nl-x\n")]
    [InlineData("nl-x\r")]
    [InlineData("NL-X")]
    [InlineData("-x")]
    [InlineData(".x")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("é")]
    public void Names_that_do_not(string name)
    {
        var error = Assert.Throws<RpcException>(() => Identifiers.Name(name, "run_id.name"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("run_id.name '", error.Status.Detail);
        Assert.DoesNotContain('\n', error.Status.Detail);
    }

    [Fact]
    public void A_name_of_63_characters_passes_and_one_of_64_does_not()
    {
        Assert.Equal(new string('a', 63), Identifiers.Name(new string('a', 63), "project"));
        Assert.Throws<RpcException>(() => Identifiers.Name(new string('a', 64), "project"));
    }

    [Theory]
    [InlineData("quickstart.Square")]
    [InlineData("env._private")]
    [InlineData("maße.Größe")]
    public void Task_names_take_letters_of_any_script_as_identifiers_do(string name) => Assert.Equal(name, Identifiers.TaskName(name, "task_id.name"));

    [Theory]
    [InlineData("quickstart.Square\n")]
    [InlineData("a/b")]
    [InlineData("<lambda>")]
    public void Task_names_refuse_separators_and_control_characters(string name) =>
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => Identifiers.TaskName(name, "task_id.name")).StatusCode);

    [Theory]
    [InlineData("4f4e99c2da696a47de3b4bd5a77e0b4c")]
    [InlineData("v1.2.0+build.7")]
    [InlineData("sha256:abc")]
    public void Versions_that_pass(string version) => Assert.Equal(version, Identifiers.Version(version, "task_id.version"));

    [Theory]
    [InlineData("v1\n")]
    [InlineData("v 1")]
    [InlineData("../v1")]
    public void Versions_that_do_not(string version) =>
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => Identifiers.Version(version, "task_id.version")).StatusCode);

    [Theory]
    [InlineData("a.bin")]
    [InlineData("folder/a.bin")]
    public void Relative_paths_that_pass(string path) => Assert.Equal(path, Identifiers.RelativePath(path, "filename"));

    [Theory]
    [InlineData("../a")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a\\b")]
    [InlineData("a/./b")]
    [InlineData("a\n")]
    public void Relative_paths_that_do_not(string path) =>
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => Identifiers.RelativePath(path, "filename")).StatusCode);

    [Fact]
    public void A_path_segment_is_measured_in_UTF8_bytes()
    {
        Assert.Equal(new string('é', 100), Identifiers.RelativePath(new string('é', 100), "filename"));
        Assert.Throws<RpcException>(() => Identifiers.RelativePath(new string('é', 101), "filename"));
    }
}
