using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// A record's JSON schema (as flyte-sdk's mashumaro writes it for a dataclass) as indented JSON text, keys in ordinal
/// order at every level: generated code carries it as a raw string literal a person can read, and
/// <c>JsonSchema.Parse</c> turns it into the Struct whose bytes the type's hash covers. Every member without a default
/// is required, nullable or not; a constant default is stated (docs/record-schemas.md).
/// </summary>
internal static class SchemaJson
{
    public static IReadOnlyList<string> Lines(TypeModel record)
    {
        var text = new StringBuilder();
        Write(text, RecordSchema(record), 0);
        return text.ToString().Split('\n');
    }

    private static Node RecordSchema(TypeModel type)
    {
        var record = type.Record!;
        var properties = new Node.Object();
        foreach (var property in record.Properties)
        {
            properties.Add(property.Key, MemberSchema(property));
        }
        var schema = new Node.Object()
            .Add("type", new Node.String("object"))
            .Add("title", new Node.String(type.DisplayName.Split('.').Last().TrimEnd('?')))
            .Add("properties", properties)
            .Add("additionalProperties", new Node.Literal("false"));
        var required = record.Properties.Where(p => p.Default is null).Select(p => (Node)new Node.String(p.Key)).ToList();
        // mashumaro leaves "required" out when no member needs a value.
        if (required.Count > 0)
        {
            schema.Add("required", new Node.Array(required));
        }
        return schema;
    }

    private static Node MemberSchema(PropertyModel property)
    {
        var schema = Schema(property.Type);
        if (property.Default is { Kind: DefaultKind.Constant } constant)
        {
            ((Node.Object)schema).Add("default", DefaultValue(property.Type, constant.Text));
        }
        return schema;
    }

    private static Node Schema(TypeModel type) => type.Shape switch
    {
        TypeShape.Boolean => Typed("boolean"),
        TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 or TypeShape.UInt64 => Typed("integer"),
        TypeShape.Single or TypeShape.Double => Typed("number"),
        TypeShape.TimeSpan => Typed("number").Add("format", new Node.String("time-delta")),
        TypeShape.String => Typed("string"),
        TypeShape.Decimal => Typed("string").Add("format", new Node.String("decimal")),
        TypeShape.Guid => Typed("string").Add("format", new Node.String("uuid")),
        TypeShape.DateTime or TypeShape.DateTimeOffset => Typed("string").Add("format", new Node.String("date-time")),
        // mashumaro writes an Enum as its members' values alone, with no "type"; a C# enum's twin has values equal to names.
        TypeShape.Enum => new Node.Object().Add("enum", new Node.Array(type.EnumMembers.Select(m => (Node)new Node.String(m)))),
        TypeShape.Array or TypeShape.List or TypeShape.ReadOnlyList => Typed("array").Add("items", Schema(type.Element!)),
        TypeShape.Dictionary or TypeShape.ReadOnlyDictionary => Typed("object").Add("additionalProperties", Schema(type.Element!)).Add("propertyNames", Typed("string")),
        TypeShape.NullableValue or TypeShape.NullableReference => new Node.Object().Add("anyOf", new Node.Array(new[] { Schema(type.Element!), Typed("null") })),
        TypeShape.Record => RecordSchema(type),
        _ => Typed("string"),
    };

    private static Node.Object Typed(string type) => new Node.Object().Add("type", new Node.String(type));

    /// <summary>The default as mashumaro states it: null, a boolean, a number, or a string (decimals, enum member names).</summary>
    private static Node DefaultValue(TypeModel type, string? text)
    {
        if (text is null)
        {
            return new Node.Literal("null");
        }
        var underlying = type.Shape is TypeShape.NullableValue or TypeShape.NullableReference ? type.Element! : type;
        return underlying.Shape switch
        {
            TypeShape.Boolean => new Node.Literal(text),
            TypeShape.Decimal or TypeShape.String or TypeShape.Enum => new Node.String(text),
            _ => new Node.Literal(text),
        };
    }

    private static void Write(StringBuilder text, Node node, int depth)
    {
        switch (node)
        {
            case Node.Object obj when obj.Fields.Count == 0:
                text.Append("{}");
                break;
            case Node.Object obj when obj.Fields.Count <= 3 && obj.Fields.Values.All(v => v is Node.String or Node.Literal):
                // A short object of plain values ({ "format": "uuid", "type": "string" }) stays on one line.
                text.Append("{ ");
                int inline = 0;
                foreach (var pair in obj.Fields)
                {
                    AppendString(text, pair.Key);
                    text.Append(": ");
                    Write(text, pair.Value, depth);
                    text.Append(++inline < obj.Fields.Count ? ", " : " ");
                }
                text.Append('}');
                break;
            case Node.Object obj:
                text.Append("{\n");
                int field = 0;
                foreach (var pair in obj.Fields)
                {
                    text.Append(' ', (depth + 1) * 2);
                    AppendString(text, pair.Key);
                    text.Append(": ");
                    Write(text, pair.Value, depth + 1);
                    text.Append(++field < obj.Fields.Count ? ",\n" : "\n");
                }
                text.Append(' ', depth * 2).Append('}');
                break;
            case Node.Array array when array.Items.Count == 0:
                text.Append("[]");
                break;
            case Node.Array array when array.Items.All(i => i is Node.String or Node.Literal):
                // Short lists (an enum's names, "required") stay on one line.
                text.Append('[');
                for (int i = 0; i < array.Items.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Write(text, array.Items[i], depth);
                }
                text.Append(']');
                break;
            case Node.Array array:
                text.Append("[\n");
                for (int i = 0; i < array.Items.Count; i++)
                {
                    text.Append(' ', (depth + 1) * 2);
                    Write(text, array.Items[i], depth + 1);
                    text.Append(i + 1 < array.Items.Count ? ",\n" : "\n");
                }
                text.Append(' ', depth * 2).Append(']');
                break;
            case Node.String value:
                AppendString(text, value.Value);
                break;
            case Node.Literal literal:
                text.Append(literal.Json);
                break;
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>A JSON value; objects keep their keys in ordinal order.</summary>
    private abstract class Node
    {
        public sealed class Object : Node
        {
            public SortedDictionary<string, Node> Fields { get; } = new(System.StringComparer.Ordinal);

            public Object Add(string key, Node value)
            {
                Fields[key] = value;
                return this;
            }
        }

        public sealed class Array(IEnumerable<Node> items) : Node
        {
            public IReadOnlyList<Node> Items { get; } = items.ToList();
        }

        public sealed class String(string value) : Node
        {
            public string Value { get; } = value;
        }

        /// <summary>A number, true, false or null, written as is.</summary>
        public sealed class Literal(string json) : Node
        {
            public string Json { get; } = json;
        }
    }
}
