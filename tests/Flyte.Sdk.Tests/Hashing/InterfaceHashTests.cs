using Flyte.Hashing;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Sdk.Tests.Hashing;

public class InterfaceHashTests
{
    /// <summary>Variables and JSON-schema fields deliberately out of order.</summary>
    internal static TypedInterface Sample()
    {
        var properties = new Struct();
        properties.Fields.Add("x", Value.ForStruct(Fields(("type", Value.ForString("integer")))));
        properties.Fields.Add("xs", Value.ForStruct(Fields(("type", Value.ForString("array")))));
        var schema = Fields(("type", Value.ForString("object")), ("properties", Value.ForStruct(properties)), ("title", Value.ForString("T")));

        return new TypedInterface
        {
            Inputs = new VariableMap
            {
                Variables =
                {
                    Entry("b", new LiteralType { Simple = SimpleType.Integer }),
                    Entry("a", new LiteralType { Simple = SimpleType.String }),
                },
            },
            Outputs = new VariableMap { Variables = { Entry("o0", new LiteralType { Simple = SimpleType.Struct, Metadata = schema }) } },
        };
    }

    [Fact]
    public void Known_answer_with_unsorted_variables_and_schema()
    {
        Assert.Equal(Reference.SampleInterface, InterfaceHash.Compute(Sample()));
    }

    [Fact]
    public void Leaves_the_interface_as_it_was()
    {
        var iface = Sample();

        InterfaceHash.Compute(iface);

        Assert.Equal(["b", "a"], iface.Inputs.Variables.Select(v => v.Key));
    }

    [Fact]
    public void Empty_and_missing_interfaces()
    {
        // Reference: hash of 0a 00 12 00 (both variable maps present and empty), as flyte-sdk always sends.
        Assert.Equal("j44Ly/GI2FgswKx1w3LUwxY0q/AlHmyoLxfXsDBc9H8=",
            InterfaceHash.Compute(new TypedInterface { Inputs = new VariableMap(), Outputs = new VariableMap() }));
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", InterfaceHash.Compute(new TypedInterface()));
        Assert.Equal("", InterfaceHash.Compute(null));
    }

    [Fact]
    public void A_description_changes_the_hash()
    {
        var described = Sample();
        described.Inputs.Variables[0].Value.Description = "the count";

        Assert.NotEqual(Reference.SampleInterface, InterfaceHash.Compute(described));
    }

    private static VariableEntry Entry(string key, LiteralType type) => new() { Key = key, Value = new Variable { Type = type } };

    private static Struct Fields(params (string Key, Value Value)[] fields)
    {
        var result = new Struct();
        foreach (var (key, value) in fields)
        {
            result.Fields.Add(key, value);
        }
        return result;
    }
}
