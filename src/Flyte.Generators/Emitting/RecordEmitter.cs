using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// One converter class per record or class type: its STRUCT LiteralType with JSON schema, and
/// msgpack writing and reading through MessagePack's reader and writer (a map keyed by property
/// name, as flyte-sdk writes a dataclass).
/// </summary>
internal static class RecordEmitter
{
    private const string Writer = "global::MessagePack.MessagePackWriter";
    private const string Reader = "global::MessagePack.MessagePackReader";
    private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";
    private const string IsoFormat = "\"yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffffzzz\"";

    public static string ConverterName(RecordModel record) => "global::Flyte.Generated.Records." + record.Identifier + "Converter";

    /// <summary>Every record type reachable from the tasks, each once.</summary>
    public static IReadOnlyList<TypeModel> CollectRecords(IEnumerable<TaskModel> tasks) =>
        CollectRecords(tasks.Select(t => (t.Parameters, t.Return)));

    /// <summary>The records the methods' parameters and results use, and the records those use, each once.</summary>
    public static IReadOnlyList<TypeModel> CollectRecords(IEnumerable<(EquatableArray<ParameterModel> Parameters, ReturnModel Return)> methods)
    {
        var found = new Dictionary<string, TypeModel>();
        void Visit(TypeModel? type)
        {
            if (type is null)
            {
                return;
            }
            if (type.Shape == TypeShape.Record && !found.ContainsKey(type.Record!.Identifier))
            {
                found.Add(type.Record.Identifier, type);
                foreach (var property in type.Record.Properties)
                {
                    Visit(property.Type);
                }
            }
            Visit(type.Element);
        }
        foreach (var method in methods)
        {
            foreach (var parameter in method.Parameters)
            {
                Visit(parameter.Type);
            }
            foreach (var output in method.Return.Outputs)
            {
                Visit(output.Type);
            }
        }
        return found.Values.OrderBy(t => t.Record!.Identifier, System.StringComparer.Ordinal).ToList();
    }

    public static void Emit(SourceWriter w, TypeModel type)
    {
        var record = type.Record!;
        string t = type.FullyQualifiedName;
        w.Line($"/// <summary>Flyte STRUCT converter for <see cref=\"{t.Replace("global::", "").Replace('<', '{').Replace('>', '}')}\"/>.</summary>");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"internal static class {record.Identifier}Converter");

        w.Line("/// <summary>The STRUCT type with the record's JSON schema, as flyte-sdk writes it for a dataclass.</summary>");
        w.Line("public static global::Flyteidl2.Core.LiteralType LiteralType => global::Flyte.Generation.StructLiterals.Type(global::Flyte.Generation.JsonSchema.Parse(\"\"\"");
        foreach (string line in SchemaJson.Lines(type))
        {
            w.Line(line);
        }
        w.Line("\"\"\"));");
        w.Line();

        w.Open($"public static global::Flyteidl2.Core.Literal ToLiteral({t} value)");
        w.Line("var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();");
        w.Line($"var writer = new {Writer}(buffer);");
        w.Line("Write(ref writer, value);");
        w.Line("writer.Flush();");
        w.Line("return global::Flyte.Generation.StructLiterals.FromMsgPack(buffer.WrittenSpan);");
        w.Close();
        w.Line();

        w.Open($"public static {t} FromLiteral(global::Flyteidl2.Core.Literal literal)");
        w.Line($"var reader = new {Reader}(global::Flyte.Generation.StructLiterals.ToMsgPack(literal));");
        w.Open("try");
        w.Line("return Read(ref reader);");
        w.Close();
        w.Open("catch (global::System.Exception e) when (e is not global::Flyte.LiteralConversionException)");
        w.Line($"throw new global::Flyte.LiteralConversionException($\"not a valid msgpack {Text.Escape(type.DisplayName)}: {{e.Message}}\", e);");
        w.Close();
        w.Close();
        w.Line();

        w.Open($"public static void Write(ref {Writer} writer, {t} value)");
        w.Line($"writer.WriteMapHeader({record.Properties.Count});");
        foreach (var property in record.Properties)
        {
            w.Line($"writer.Write({Text.Literal(property.Key)});");
            w.OpenBlock();
            WriteValue(w, property.Type, "value." + property.Name, 0);
            w.Close();
        }
        w.Close();
        w.Line();

        EmitRead(w, type);
        w.Close();
    }

    private static void EmitRead(SourceWriter w, TypeModel type)
    {
        var record = type.Record!;
        string t = type.FullyQualifiedName;
        w.Open($"public static {t} Read(ref {Reader} reader)");
        w.Line($"if (reader.TryReadNil()) throw new global::Flyte.LiteralConversionException(\"expected a {Text.Escape(type.DisplayName)}, got nil\");");
        for (int i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            // A missing member takes its constant default; "default!" is only a placeholder until it is read.
            string initial = property.Default is { Kind: DefaultKind.Constant } constant
                ? DefaultExpressions.CSharp(property.Type, constant.Text)
                : "default!";
            w.Line($"{property.Type.FullyQualifiedName} p{i} = {initial};");
        }
        w.Line("ulong seen = 0;");
        w.Line("int count = reader.ReadMapHeader();");
        w.Open("for (int i = 0; i < count; i++)");
        w.Line("string? key = reader.ReadString();");
        w.Open("switch (key)");
        for (int i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            w.Line($"case {Text.Literal(property.Key)}:");
            w.OpenBlock();
            ReadValue(w, property.Type, $"p{i}", 0);
            w.Line($"seen |= {1UL << (i % 64)}UL;");
            w.Line("break;");
            w.Close();
        }
        w.Line("default:");
        w.Line("    reader.Skip();");
        w.Line("    break;");
        w.Close();
        w.Close();

        for (int i = 0; i < record.Properties.Count; i++)
        {
            var property = record.Properties[i];
            if (property.Default is null && !IsNullable(property.Type))
            {
                w.Line($"if ((seen & {1UL << (i % 64)}UL) == 0) throw new global::Flyte.LiteralConversionException(\"{Text.Escape(type.DisplayName)}.{property.Name} is missing\");");
            }
        }

        var byName = record.Properties.Select((p, i) => (p, i)).ToDictionary(x => x.p.Name, x => x.i);
        string arguments = string.Join(", ", record.ConstructorParameters.Select(name => "p" + byName[name]));
        var initialised = record.Properties.Where(p => !record.ConstructorParameters.Contains(p.Name)).ToList();
        string initializer = initialised.Count == 0
            ? ""
            : " { " + string.Join(", ", initialised.Select(p => $"{p.Name} = {InitialValue(type, p, byName[p.Name], arguments)}")) + " }";
        w.Line($"return new {t.TrimEnd('?')}({arguments}){initializer};");
        w.Close();
    }

    /// <summary>
    /// A property's value in the object initializer. A missing one whose initializer is no constant (<c>= []</c>) takes
    /// the value a fresh instance has: the initializer's own.
    /// </summary>
    private static string InitialValue(TypeModel type, PropertyModel property, int index, string arguments) =>
        property.Default is { Kind: DefaultKind.Initializer }
            ? $"(seen & {1UL << (index % 64)}UL) != 0 ? p{index} : new {type.FullyQualifiedName.TrimEnd('?')}({arguments}).{property.Name}"
            : $"p{index}";

    private static bool IsNullable(TypeModel type) => type.Shape is TypeShape.NullableValue or TypeShape.NullableReference;

    private static void WriteValue(SourceWriter w, TypeModel type, string value, int depth)
    {
        string item = "e" + depth;
        switch (type.Shape)
        {
            case TypeShape.Boolean:
            case TypeShape.UInt64:
                w.Line($"writer.Write({value});");
                break;
            case TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64:
                w.Line($"writer.Write((long){value});");
                break;
            case TypeShape.Single or TypeShape.Double:
                w.Line($"writer.Write((double){value});");
                break;
            case TypeShape.String:
                w.Line($"writer.Write({value});");
                break;
            case TypeShape.Decimal:
                w.Line($"writer.Write({value}.ToString({Invariant}));");
                break;
            case TypeShape.Guid:
                w.Line($"writer.Write({value}.ToString(\"D\"));");
                break;
            case TypeShape.DateTime:
                w.Line($"writer.Write(new global::System.DateTimeOffset(global::Flyte.Generation.ScalarLiterals.AsUtc({value})).ToString({IsoFormat}, {Invariant}));");
                break;
            case TypeShape.DateTimeOffset:
                w.Line($"writer.Write({value}.ToString({IsoFormat}, {Invariant}));");
                break;
            case TypeShape.TimeSpan:
                w.Line($"writer.Write({value}.TotalSeconds);");
                break;
            case TypeShape.Enum:
                w.Line($"writer.Write({LiteralExpressions.EnumName(type, value)});");
                break;
            case TypeShape.Array or TypeShape.List or TypeShape.ReadOnlyList:
                w.Line($"writer.WriteArrayHeader({value}.{(type.Shape == TypeShape.Array ? "Length" : "Count")});");
                w.Open($"foreach (var {item} in {value})");
                WriteValue(w, type.Element!, item, depth + 1);
                w.Close();
                break;
            case TypeShape.Dictionary or TypeShape.ReadOnlyDictionary:
                w.Line($"writer.WriteMapHeader({value}.Count);");
                w.Open($"foreach (var {item} in {value})");
                w.Line($"writer.Write({item}.Key);");
                WriteValue(w, type.Element!, item + ".Value", depth + 1);
                w.Close();
                break;
            case TypeShape.NullableValue:
                w.Open($"if ({value} is {{ }} {item})");
                WriteValue(w, type.Element!, item, depth + 1);
                w.Close();
                w.Line("else writer.WriteNil();");
                break;
            case TypeShape.NullableReference:
                w.Open($"if ({value} is {{ }} {item})");
                WriteValue(w, type.Element!, item, depth + 1);
                w.Close();
                w.Line("else writer.WriteNil();");
                break;
            case TypeShape.Record:
                w.Line($"{ConverterName(type.Record!)}.Write(ref writer, {value});");
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(type), type.Shape, "the parser keeps this type out of records");
        }
    }

    private static void ReadValue(SourceWriter w, TypeModel type, string target, int depth)
    {
        string count = "n" + depth;
        string index = "i" + depth;
        string item = "e" + depth;
        string text = "s" + depth;
        switch (type.Shape)
        {
            case TypeShape.Boolean: w.Line($"{target} = reader.ReadBoolean();"); break;
            case TypeShape.SByte: w.Line($"{target} = reader.ReadSByte();"); break;
            case TypeShape.Byte: w.Line($"{target} = reader.ReadByte();"); break;
            case TypeShape.Int16: w.Line($"{target} = reader.ReadInt16();"); break;
            case TypeShape.UInt16: w.Line($"{target} = reader.ReadUInt16();"); break;
            case TypeShape.Int32: w.Line($"{target} = reader.ReadInt32();"); break;
            case TypeShape.UInt32: w.Line($"{target} = reader.ReadUInt32();"); break;
            case TypeShape.Int64: w.Line($"{target} = reader.ReadInt64();"); break;
            case TypeShape.UInt64: w.Line($"{target} = reader.ReadUInt64();"); break;
            case TypeShape.Single: w.Line($"{target} = (float)reader.ReadDouble();"); break;
            case TypeShape.Double: w.Line($"{target} = reader.ReadDouble();"); break;
            case TypeShape.String: w.Line($"{target} = reader.ReadString()!;"); break;
            case TypeShape.Decimal:
                w.Line($"{target} = decimal.Parse(reader.ReadString()!, global::System.Globalization.NumberStyles.Number | global::System.Globalization.NumberStyles.AllowExponent, {Invariant});");
                break;
            case TypeShape.Guid: w.Line($"{target} = global::System.Guid.Parse(reader.ReadString()!);"); break;
            case TypeShape.DateTime:
                w.Line($"{target} = global::System.DateTimeOffset.Parse(reader.ReadString()!, {Invariant}).UtcDateTime;");
                break;
            case TypeShape.DateTimeOffset:
                w.Line($"{target} = global::System.DateTimeOffset.Parse(reader.ReadString()!, {Invariant});");
                break;
            case TypeShape.TimeSpan:
                w.Line($"{target} = global::System.TimeSpan.FromTicks((long)global::System.Math.Round(reader.ReadDouble() * global::System.TimeSpan.TicksPerSecond));");
                break;
            case TypeShape.Enum:
                w.Line($"string {text} = reader.ReadString()!;");
                w.Line($"{target} = ({LiteralExpressions.EnumParse(type, text)}) ?? throw new global::Flyte.LiteralConversionException($\"'{{{text}}}' is not a member of {Text.Escape(type.DisplayName)}\");");
                break;
            case TypeShape.Array:
                w.Line($"int {count} = reader.ReadArrayHeader();");
                w.Line($"var {item}s = {NewArray(ElementName(type), count)};");
                w.Open($"for (int {index} = 0; {index} < {count}; {index}++)");
                ReadValue(w, type.Element!, $"{item}s[{index}]", depth + 1);
                w.Close();
                w.Line($"{target} = {item}s;");
                break;
            case TypeShape.List or TypeShape.ReadOnlyList:
                w.Line($"int {count} = reader.ReadArrayHeader();");
                w.Line($"var {item}s = new global::System.Collections.Generic.List<{ElementName(type)}>({count});");
                w.Open($"for (int {index} = 0; {index} < {count}; {index}++)");
                w.Line($"{ElementName(type)} {item} = default!;");
                ReadValue(w, type.Element!, item, depth + 1);
                w.Line($"{item}s.Add({item});");
                w.Close();
                w.Line($"{target} = {item}s;");
                break;
            case TypeShape.Dictionary or TypeShape.ReadOnlyDictionary:
                w.Line($"int {count} = reader.ReadMapHeader();");
                w.Line($"var {item}s = new global::System.Collections.Generic.Dictionary<string, {ElementName(type)}>({count});");
                w.Open($"for (int {index} = 0; {index} < {count}; {index}++)");
                w.Line($"string {text} = reader.ReadString()!;");
                w.Line($"{ElementName(type)} {item} = default!;");
                ReadValue(w, type.Element!, item, depth + 1);
                w.Line($"{item}s[{text}] = {item};");
                w.Close();
                w.Line($"{target} = {item}s;");
                break;
            case TypeShape.NullableValue or TypeShape.NullableReference:
                w.Open("if (reader.TryReadNil())");
                w.Line($"{target} = null;");
                w.Close();
                w.Open("else");
                w.Line($"{ElementName(type)} {item} = default!;");
                ReadValue(w, type.Element!, item, depth + 1);
                w.Line($"{target} = {item};");
                w.Close();
                break;
            case TypeShape.Record:
                w.Line($"{target} = {ConverterName(type.Record!)}.Read(ref reader);");
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(type), type.Shape, "the parser keeps this type out of records");
        }
    }

    private static string ElementName(TypeModel type) => type.Element!.FullyQualifiedName;

    /// <summary>
    /// <c>new T[count]</c> for an element type that may itself be an array: the length goes before the element's own
    /// ranks (<c>new int[count][]</c> for <c>int[][]</c>), and a nullable annotation on an array element is dropped
    /// (an array of arrays converts to an array of nullable arrays).
    /// </summary>
    private static string NewArray(string elementName, string count)
    {
        string ranks = "";
        string element = elementName;
        while (true)
        {
            if (element.EndsWith("]?", System.StringComparison.Ordinal))
            {
                element = element.Substring(0, element.Length - 1);
            }
            if (!element.EndsWith("[]", System.StringComparison.Ordinal))
            {
                break;
            }
            ranks += "[]";
            element = element.Substring(0, element.Length - 2);
        }
        return $"new {element}[{count}]{ranks}";
    }
}
