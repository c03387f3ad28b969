using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Tests;

/// <summary>
/// A record that contains itself (a linked list, a tree) is refused at compile time with FLY003, naming the record and
/// the property that closes the loop, however the loop runs: directly, through a list or map, or through another
/// record. flyte-sdk takes such dataclasses (msgpack carries them, and a JSON schema mashumaro fails to build is
/// logged and left out), but our records' schemas and converters are generated inline, which a loop would make
/// endless (docs/record-schemas.md). The generator must say so, quickly, rather than recurse until the compiler's stack overflows.
/// </summary>
public class SelfReferencingRecordTests
{
    private const string Usings = "using System.Collections.Generic; using Flyte;\n";

    [Theory]
    [InlineData("directly", "public sealed record Node(int Value, Node? Next);", "Node", "Node", "Next")]
    [InlineData("through a list", "public sealed record Tree(int Value, List<Tree> Children);", "Tree", "Tree", "Children")]
    [InlineData("through an array", "public sealed record Tree(int Value, Tree[] Children);", "Tree", "Tree", "Children")]
    [InlineData("through a map", "public sealed record Folder(string Name, Dictionary<string, Folder> Folders);", "Folder", "Folder", "Folders")]
    [InlineData("through another record", "public sealed record Person(string Name, Pet Pet); public sealed record Pet(string Name, Person Owner);", "Person", "Pet", "Owner")]
    public void Is_refused_with_a_diagnostic_that_names_the_record_and_the_property(string how, string records, string parameterType, string owner, string property)
    {
        var (source, span) = Markup.Parse(Usings + records + $"\npublic static partial class C {{ [Task] public static int M({parameterType} [|item|]) => 1; }}");

        var result = GeneratorHarness.Run(("Test.cs", source));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        string message = diagnostic.GetMessage();
        Assert.True(message.Contains($"{parameterType} contains itself through {owner}.{property}", StringComparison.Ordinal), $"{how}: {message}");
        Assert.Contains("records cannot contain themselves", message);
    }

    [Fact]
    public void As_a_return_type_it_is_refused_too()
    {
        var result = GeneratorHarness.Run(("Test.cs", Usings + """
            public sealed record Node(int Value, Node? Next);
            public static partial class C { [Task] public static Node M(int x) => new(x, null); }
            """));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY004", diagnostic.Id);
        Assert.Contains("Node contains itself through Node.Next", diagnostic.GetMessage());
    }

    [Fact]
    public void The_same_record_twice_side_by_side_is_not_a_loop()
    {
        var result = GeneratorHarness.Run(("Test.cs", Usings + """
            public sealed record Point(int X, int Y);
            public sealed record Segment(Point From, Point To, List<Point> Via);
            public static partial class C { [Task] public static int M(Segment segment) => segment.Via.Count; }
            """));

        GoldenFileTests.AssertNoDiagnostics(result);
    }
}
