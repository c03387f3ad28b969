using Flyte.Tasks;

namespace Flyte.Sdk.Tests;

/// <summary>The executor's substitution of task container args (docs/protocol.md, Placeholders).</summary>
public class ContainerPlaceholdersTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        [ContainerPlaceholders.Input] = "s3://b/r/a0/inputs.pb",
        [ContainerPlaceholders.OutputPrefix] = "s3://b/r/a0/1",
        [ContainerPlaceholders.PrevCheckpointPrefix] = "",
        ["Inputs.x"] = "7",
    };

    [Fact]
    public void Known_placeholders_are_replaced_whatever_their_case()
    {
        var args = ContainerPlaceholders.Render(["--inputs", "{{.input}}", "--outputs-path", "{{.OUTPUTPREFIX}}", "--x={{ .inputs.x }}"], Values);

        Assert.Equal(["--inputs", "s3://b/r/a0/inputs.pb", "--outputs-path", "s3://b/r/a0/1", "--x=7"], args);
    }

    [Fact]
    public void Unknown_placeholders_are_left_for_a0_and_empty_values_stay_empty()
    {
        var args = ContainerPlaceholders.Render(["--run-name", "{{.runName}}", "--prev-checkpoint", "{{.prevCheckpointPrefix}}", "plain"], Values);

        Assert.Equal(["--run-name", "{{.runName}}", "--prev-checkpoint", "", "plain"], args);
    }
}
