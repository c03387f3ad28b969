using Flyte.Generators.Parsing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Tests;

/// <summary>A task's default version: its declaration's tokens, so layout and comments never change it and any token does.</summary>
public class CodeVersionTests
{
    private const string Area = """
        class C
        {
            [Task]
            public static int Area(Point p) => p.X * p.Y;
        }
        """;

    private static string VersionOf(string source) =>
        CodeVersion.Of(CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single());

    [Fact]
    public void Known_answer_is_the_sha256_of_the_tokens_joined_by_spaces()
    {
        // python3: hashlib.sha256(b"[ Task ] public static int Area ( Point p ) => p . X * p . Y ;").hexdigest()
        Assert.Equal("364167f8bf3fdc23d5b241b6f2244248421119e56dbaf6eab97edbea746f90be", VersionOf(Area));
    }

    [Theory]
    [InlineData("class C { [Task] public static int Area(Point p) => p.X * p.Y; }")]
    [InlineData("class C\r\n{\r\n    [Task]\r\n    public static int Area(Point p) => p.X * p.Y;\r\n}\r\n")]
    [InlineData("class C {\n\t\t[Task]   // the area\n\t\tpublic static int Area(Point p) =>\n\t\t\tp.X * /* width */ p.Y;\n}")]
    [InlineData("class C {\n    /// <summary>The area.</summary>\n    [Task]\n    public static int Area(Point p)\n        => p.X*p.Y;\n}")]
    [InlineData("class C {\n#region tasks\n    [Task] public static int Area(Point p) => p.X * p.Y;\n#endregion\n}")]
    public void Layout_comments_and_line_endings_do_not_change_it(string source)
    {
        Assert.Equal(VersionOf(Area), VersionOf(source));
    }

    [Theory]
    [InlineData("p.X * p.Y", "p.Y * p.X")]
    [InlineData("p.X * p.Y", "p.X * p.Y + 0")]
    [InlineData("Point p", "Point q")]
    [InlineData("[Task]", "[Task(Retries = 1)]")]
    [InlineData("int Area", "long Area")]
    public void Any_token_changes_it(string from, string to)
    {
        string edited = Area.Replace(from, to);
        Assert.NotEqual(Area, edited);
        Assert.NotEqual(VersionOf(Area), VersionOf(edited));
    }

    [Fact]
    public void Line_endings_inside_a_verbatim_string_do_not_change_it()
    {
        string lf = "class C { [Task] public static string Poem() => @\"roses\nviolets\"; }";
        string crlf = lf.Replace("\n", "\r\n");

        // python3: hashlib.sha256(b'[ Task ] public static string Poem ( ) => @"roses\nviolets" ;').hexdigest()
        Assert.Equal("618b19005192537b8b7b54b96d79eed9fd901f3a0c0a6aaf8e1179c5347afffb", VersionOf(lf));
        Assert.Equal(VersionOf(lf), VersionOf(crlf));
    }

    [Fact]
    public void Code_in_a_disabled_preprocessor_branch_does_not_count()
    {
        string withDisabled = Area.Replace("=> p.X * p.Y;", "=>\n#if NEVER\n p.Y +\n#endif\n p.X * p.Y;");

        Assert.Equal(VersionOf(Area), VersionOf(withDisabled));
    }
}
