using Flyte.Hashing;

namespace Flyte.Sdk.Tests.Hashing;

public class ChildActionNameTests
{
    // Reference: base36(md5("a0-" + inputs hash + "-" + task identity + "-" + seq [+ "-" + group])).
    [Theory]
    [InlineData(1, null, "1dkcfhv79uvrix2uj342rn7mm")]
    [InlineData(2, null, "9cp5pa3bi4y6r21uunueupuqk")]
    [InlineData(1, "g", "djxwm6paizm6vfhjfotd61c67")]
    [InlineData(1, "", "1dkcfhv79uvrix2uj342rn7mm")] // an empty group is no group, as in Python
    public void Known_answers(int sequence, string? group, string expected) =>
        Assert.Equal(expected, ChildActionName.Compute("a0", Reference.InputsXY, Reference.SampleTaskIdentity, sequence, group));

    [Fact]
    public void Every_component_changes_the_name()
    {
        var name = ChildActionName.Compute("a0", "ih", "tid", 1);

        Assert.Equal(name, ChildActionName.Compute("a0", "ih", "tid", 1));
        Assert.NotEqual(name, ChildActionName.Compute("a1", "ih", "tid", 1));
        Assert.NotEqual(name, ChildActionName.Compute("a0", "ih2", "tid", 1));
        Assert.NotEqual(name, ChildActionName.Compute("a0", "ih", "tid2", 1));
        Assert.NotEqual(name, ChildActionName.Compute("a0", "ih", "tid", 2));
        Assert.NotEqual(name, ChildActionName.Compute("a0", "ih", "tid", 1, "g"));
        Assert.Matches("^[0-9a-z]{1,25}$", name);
    }

    [Fact]
    public void Sequence_starts_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChildActionName.Compute("a0", "ih", "tid", 0));
    }
}
