using Flyte.Cli.Run;
using Flyte.Local;

namespace Flyte.Cli.Tests.Run;

/// <summary>The run report's tree: a long list of children is cut to the first few and a count, inside groups and out.</summary>
public class ReportTreeTests
{
    [Fact]
    public void A_fan_out_outside_any_group_is_cut_as_one_list_and_so_is_a_groups()
    {
        var root = new ActionReport("a0", "demo.Flow", null) { Phase = ActionPhase.Succeeded };
        for (int i = 0; i < ReportTree.MaxChildrenShown + 5; i++)
        {
            root.AddChild(new ActionReport($"c{i}", "demo.Square", root) { Phase = ActionPhase.Succeeded });
        }
        for (int i = 0; i < ReportTree.MaxChildrenShown + 2; i++)
        {
            root.AddChild(new ActionReport($"g{i}", "demo.Square", root) { Phase = ActionPhase.Succeeded, Group = "folds" });
        }
        var output = new StringWriter();

        ReportTree.Write(output, root);

        var lines = output.ToString().Replace("\r\n", "\n").TrimEnd().Split('\n');
        Assert.Equal(1 + ReportTree.MaxChildrenShown + 1 + 1 + ReportTree.MaxChildrenShown + 1, lines.Length);
        Assert.Equal("  … and 5 more, all SUCCEEDED", lines[1 + ReportTree.MaxChildrenShown]);
        Assert.Equal($"  [group folds] {ReportTree.MaxChildrenShown + 2} actions", lines[2 + ReportTree.MaxChildrenShown]);
        Assert.Equal("    … and 2 more, all SUCCEEDED", lines[^1]);
    }
}
