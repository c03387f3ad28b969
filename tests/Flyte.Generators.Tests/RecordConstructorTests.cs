using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Tests;

/// <summary>
/// A record is rebuilt from its properties on the receiving side, so it needs a public constructor whose parameters
/// all match properties by name (or a parameterless one with settable properties). Without one, FLY003 names the type
/// and says what to add.
/// </summary>
public class RecordConstructorTests
{
    private const string Usings = "using Flyte;\n";

    [Theory]
    [InlineData("a private constructor", "public sealed class Box { private Box(int size) { Size = size; } public int Size { get; } }")]
    [InlineData("no public constructor at all", "public sealed class Box { internal Box() { } public int Size { get; set; } }")]
    [InlineData("a parameter that matches no property", "public sealed class Box { public Box(int width) { Size = width; } public int Size { get; } }")]
    public void A_record_without_a_usable_constructor_is_named_with_the_fix(string what, string declaration)
    {
        var (source, span) = Markup.Parse(Usings + declaration + "\npublic static partial class C { [Task] public static int M(Box [|box|]) => 1; }");

        var result = GeneratorHarness.Run(("Test.cs", source));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.True(diagnostic.GetMessage().StartsWith(
            "Parameter 'box' has type 'Box (needs a public constructor whose parameters all match its properties by name, or a parameterless one)'", StringComparison.Ordinal),
            $"{what}: {diagnostic.GetMessage()}");
    }

    [Fact]
    public void A_parameterless_constructor_with_only_get_only_properties_leaves_nothing_to_carry()
    {
        var (source, span) = Markup.Parse(Usings + "public sealed class Box { public int Size { get; } = 3; }\npublic static partial class C { [Task] public static int M(Box [|box|]) => 1; }");

        var result = GeneratorHarness.Run(("Test.cs", source));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY003", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.StartsWith("Parameter 'box' has type 'Box (has no settable or constructor-initialised public properties)'", diagnostic.GetMessage());
    }

    [Fact]
    public void Of_several_constructors_the_widest_that_fits_is_used()
    {
        // Box(size, unit) is wider but "unit" is no property; Box() fits but is narrower.
        var result = GeneratorHarness.Run(("Test.cs", Usings + """
            public sealed class Box
            {
                public Box() { }
                public Box(int size) { Size = size; }
                public Box(int size, string unit) : this(size) { }
                public int Size { get; set; }
            }
            public static partial class C { [Task] public static int M(Box box) => box.Size; }
            """));

        GoldenFileTests.AssertNoDiagnostics(result);
        Assert.Contains("return new global::Box(p0);", result.Sources["FlyteRecords.g.cs"]);
    }
}
