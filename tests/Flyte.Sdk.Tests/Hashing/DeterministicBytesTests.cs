using Flyte.Hashing;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Sdk.Tests.Hashing;

public class DeterministicBytesTests
{
    [Fact]
    public void Map_entries_follow_upb_order_and_keep_default_values()
    {
        var literal = Lit.Int(7).WithMetadata(("b", "2"), ("a", "1"), ("ab", ""));

        var bytes = DeterministicBytes.Of(literal);

        // Reference (see Reference): scalar, then metadata "ab" (value "" written as 12 00), "a", "b".
        Assert.Equal("0a040a0208072a060a02616212002a060a01611201312a060a0162120132", Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void Insertion_order_does_not_matter_at_any_depth()
    {
        Literal Build(bool reversed)
        {
            (string, string)[] metadata = [("zeta", "1"), ("alpha", "2"), ("", "3")];
            (string, Literal)[] inner = [("k2", Lit.Str("v").WithMetadata(reversed ? metadata.Reverse().ToArray() : metadata)), ("k1", Lit.Int(1))];
            (string, Literal)[] outer = [("y", Lit.Map(reversed ? inner.Reverse().ToArray() : inner)), ("x", Lit.List(Lit.Int(1), Lit.Int(2)))];
            return Lit.Map(reversed ? outer.Reverse().ToArray() : outer);
        }
        var forward = Build(reversed: false);
        var backward = Build(reversed: true);
        Assert.NotEqual(forward.ToByteArray(), backward.ToByteArray()); // C# alone keeps insertion order

        Assert.Equal(DeterministicBytes.Of(forward), DeterministicBytes.Of(backward));
    }

    [Fact]
    public void The_bytes_parse_back_to_an_equal_message()
    {
        var literal = Lit.Map(("b", Lit.Str("").WithMetadata(("", ""), ("k", "v"))), ("a", Lit.List(Lit.Int(0))));

        Assert.Equal(literal, Literal.Parser.ParseFrom(DeterministicBytes.Of(literal)));
    }

    [Fact]
    public void Messages_without_maps_keep_their_ordinary_bytes()
    {
        var template = new TaskTemplate
        {
            Id = new Identifier { ResourceType = ResourceType.Task, Name = "env.task", Version = "v" },
            Type = "python",
            Metadata = new TaskMetadata { DiscoveryVersion = "d", Interruptible = false, Retries = new RetryStrategy() },
            Container = new Container { Image = "img", Args = { "a0", "--inputs", "{{.input}}" } },
        };

        Assert.Equal(template.ToByteArray(), DeterministicBytes.Of(template));
    }

    [Fact]
    public void Struct_fields_inside_a_literal_type_are_sorted()
    {
        LiteralType Build(params string[] keys)
        {
            var metadata = new Struct();
            foreach (var key in keys)
            {
                metadata.Fields.Add(key, Value.ForString(key.ToUpperInvariant()));
            }
            return new LiteralType { Simple = SimpleType.Struct, Metadata = metadata };
        }

        var bytes = DeterministicBytes.Of(Build("x", "title", "xs"));

        Assert.Equal(bytes, DeterministicBytes.Of(Build("xs", "x", "title")));
        // Reference: simple STRUCT, then metadata fields "title", "xs", "x" (the longer key before its prefix).
        Assert.Equal(
            "080932280a100a057469746c6512071a055449544c450a0a0a02787312041a0258530a080a017812031a0158",
            Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void Maps_with_non_string_keys_are_refused()
    {
        var action = new EnrichedAction { ChildrenPhaseCounts = { [2] = 1, [1] = 3 } };

        Assert.Throws<NotSupportedException>(() => DeterministicBytes.Of(action));
    }
}
