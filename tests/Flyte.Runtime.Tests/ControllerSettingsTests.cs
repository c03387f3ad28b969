using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary>Controller settings come from the environment, read as flyte-sdk reads them.</summary>
public class ControllerSettingsTests
{
    [Fact]
    public void Unset_environment_gives_defaults()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal());

        Assert.Equal(new ControllerSettings(Endpoint: null, Insecure: false, UseActions: false), a.Controller);
    }

    [Fact]
    public void Endpoint_override_is_read_and_trimmed()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(), CommandLines.Environment(("_U_EP_OVERRIDE", " dns:///flyte.local:8090 ")));

        Assert.Equal("dns:///flyte.local:8090", a.Controller.Endpoint);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("t", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("yes", false)]
    [InlineData("", false)]
    public void Insecure_follows_flyte_sdk_str2bool(string value, bool expected)
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(), CommandLines.Environment(("_U_INSECURE", value)));

        Assert.Equal(expected, a.Controller.Insecure);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", false)]
    [InlineData("0", false)]
    public void Use_actions_is_on_only_for_exactly_one(string value, bool expected)
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(), CommandLines.Environment(("_U_USE_ACTIONS", value)));

        Assert.Equal(expected, a.Controller.UseActions);
    }
}
