using Flyte.Devbox.Storage;

namespace Flyte.Devbox.Tests.Storage;

public sealed class ObjectPathTests
{
    [Theory]
    [InlineData("file.txt")]
    [InlineData("uploads/flytesnacks/development/abc/fast0123.tar.gz")]
    [InlineData("with space/and#hash%.txt")]
    [InlineData("..hidden/x..y")]
    public void Clean_relative_paths_are_accepted(string path) => Assert.Null(ObjectPath.Problem(path));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "'..'")]
    [InlineData("a/../../x", "'..'")]
    [InlineData("a/./x", "'.'")]
    [InlineData("/etc/passwd", "relative")]
    [InlineData("a\\..\\b", "backslashes")]
    [InlineData("a//b", "empty path segments")]
    [InlineData("a/", "empty path segments")]
    [InlineData("a\nb", "control characters")]
    public void Paths_that_could_leave_the_root_or_are_ambiguous_are_refused(string path, string problem)
    {
        Assert.Contains(problem, ObjectPath.Problem(path));
        var error = Assert.Throws<ArgumentException>(() => ObjectPath.Validate(path));
        Assert.Contains("Invalid object path", error.Message);
    }

    [Fact]
    public void Escaping_keeps_the_slashes_and_encodes_each_segment() =>
        Assert.Equal("a%20b/c%23d/e%3Fx", ObjectPath.Escape("a b/c#d/e?x"));
}
