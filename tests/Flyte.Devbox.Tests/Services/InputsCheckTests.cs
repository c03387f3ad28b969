using Flyte.Devbox.Services;
using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Devbox.Tests.Services;

/// <summary>How InputsCheck names a type in its answer, for types nested in lists and maps at any depth.</summary>
public sealed class InputsCheckTests
{
    private static readonly LiteralType Strings = new() { Simple = SimpleType.String };

    [Fact]
    public void A_missing_input_is_named_with_its_type_in_words_at_any_depth()
    {
        Assert.Equal("t needs input 'x', an integer; none was given", MissingInput(new LiteralType { Simple = SimpleType.Integer }));
        Assert.Equal("t needs input 'x', a list of strings; none was given", MissingInput(new LiteralType { CollectionType = Strings }));
        Assert.Equal("t needs input 'x', a map of records, as msgpack binary; none was given",
            MissingInput(new LiteralType { MapValueType = new LiteralType { Simple = SimpleType.Struct } }));
        Assert.Equal("t needs input 'x', a list of maps of strings; none was given",
            MissingInput(new LiteralType { CollectionType = new LiteralType { MapValueType = Strings } }));
        Assert.Equal("t needs input 'x', a map of lists of files or directories; none was given",
            MissingInput(new LiteralType { MapValueType = new LiteralType { CollectionType = new LiteralType { Blob = new BlobType() } } }));
    }

    /// <summary>The answer for a task with one input, <c>x</c> of <paramref name="type"/>, run with none.</summary>
    private static string? MissingInput(LiteralType type) => InputsCheck.Problem(new TaskSpec
    {
        TaskTemplate = new TaskTemplate
        {
            Id = new Identifier { Name = "t" },
            Interface = new TypedInterface { Inputs = new VariableMap { Variables = { new VariableEntry { Key = "x", Value = new Variable { Type = type } } } } },
        },
    }, new Inputs());
}
