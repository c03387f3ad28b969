namespace Flyte.Fuzz.Tests;

/// <summary>
/// Every seed and every finding, run through the same target AFL++ ran it through (docs/fuzzing.md): each must keep its
/// parser's contract, so a bug fuzzing found once stays fixed.
/// </summary>
public class CorpusReplayTests
{
    [Theory]
    [MemberData(nameof(FuzzInputs.All), MemberType = typeof(FuzzInputs))]
    public void The_parser_keeps_its_contract(string target, string input)
    {
        var fuzzTarget = FuzzTargets.Find(target)!;

        fuzzTarget.Run(File.ReadAllBytes(Path.Combine(FuzzInputs.Root, input)));
    }

    [Fact]
    public void Every_target_has_seeds()
    {
        foreach (var target in FuzzTargets.All)
        {
            string corpus = Path.Combine(FuzzInputs.Root, "corpus", target.Name);
            Assert.True(Directory.Exists(corpus) && Directory.EnumerateFiles(corpus).Any(), $"{target.Name} has no seeds in {corpus}");
        }
    }

    [Theory]
    [InlineData("first\nsecond")]
    [InlineData("first\r")]
    [InlineData(" ")]
    [InlineData(null)]
    public void A_message_on_several_lines_or_none_breaks_the_contract(string? message)
    {
        Assert.Throws<ContractViolationException>(() => FuzzInput.RequireOneLine(message, "a message"));
    }
}
