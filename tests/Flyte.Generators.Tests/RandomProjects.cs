using System.Globalization;
using System.Text;

namespace Flyte.Generators.Tests;

/// <summary>
/// Writes a random user project from a seed: enums, records nested in records (positional and with setters), nullable
/// members, arrays, lists, maps, tasks that echo one value or a tuple, overloads, and namespaces and class names chosen
/// so that names collide once flattened (<c>A.B_C</c>, <c>A.B.C</c>, <c>A_B.C</c>, nested <c>Outer+Inner</c>). For each
/// echo task it also writes a method that builds a sample value, so a test can send it through the task and back.
/// </summary>
internal sealed class RandomProjects
{
    /// <summary>Task classes: namespace, then the class path (nested classes joined by '+').</summary>
    private static readonly (string Namespace, string Class)[] Containers =
    [
        ("A", "B_C"), ("A.B", "C"), ("A_B", "C"), ("A.B", "C_"), ("Lab", "Outer+Inner"), ("SystemsLab", "Stage"),
    ];

    /// <summary>Record namespaces and name prefixes whose flattened names collide: Rec.X_R1 and Rec.X.R1.</summary>
    private static readonly (string Namespace, string Prefix)[] RecordHomes = [("Rec", "X_"), ("Rec.X", ""), ("SystemsBiology", "")];

    private readonly Random _random;
    private readonly List<string> _types = [];
    private readonly StringBuilder _declarations = new();
    private readonly StringBuilder _samples = new();

    public RandomProjects(int seed) => _random = new Random(seed);

    /// <summary>An echo task: where to find its handle and its sample, and whether it returns a tuple.</summary>
    public sealed record EchoTask(string ContainerTypeName, string MethodName, string SampleMethod, bool IsPair);

    public List<EchoTask> Echoes { get; } = [];

    /// <summary>Methods declared twice (an overload each): FLY005 is expected on each second declaration.</summary>
    public int Overloads { get; private set; }

    public (string Path, string Source)[] Write()
    {
        _declarations.Append("namespace Enums { public enum Level { Low, Medium, High } public enum Flag { Off = 0, On = 7 } }\n");
        _types.AddRange(["int", "long", "double", "bool", "string", "string?", "int?", "decimal", "global::System.Guid", "global::System.TimeSpan",
            "global::System.DateTime", "global::Enums.Level", "global::Enums.Flag?"]);
        int recordCount = _random.Next(3, 8);
        for (int n = 0; n < recordCount; n++)
        {
            int home = _random.Next(RecordHomes.Length);
            WriteRecord(n, RecordHomes[home]);
            if (home < 2 && _random.Next(2) == 0)
            {
                // Its twin: Rec.X_R{n} and Rec.X.R{n} flatten to the same name.
                WriteRecord(n, RecordHomes[1 - home]);
            }
        }

        var containers = new Dictionary<(string Namespace, string Class), (StringBuilder Body, int Tasks)>();
        int taskCount = _random.Next(4, 10);
        for (int i = 0; i < taskCount; i++)
        {
            var container = Containers[_random.Next(Containers.Length)];
            if (!containers.TryGetValue(container, out var written))
            {
                written = (new StringBuilder(), 0);
            }
            // Numbered per class: A.B_C.Echo0 and A.B.C.Echo0 flatten to the same name.
            WriteTask(written.Body, container, written.Tasks, i);
            containers[container] = (written.Body, written.Tasks + 1);
        }

        var files = new List<(string, string)> { ("Types.cs", _declarations.ToString()) };
        foreach (var ((ns, path), written) in containers)
        {
            // An environment per class, so that tasks of one method name in two classes have two task names.
            string environment = "env" + Array.IndexOf(Containers, (ns, path)).ToString(CultureInfo.InvariantCulture);
            files.Add(($"{ns}.{path}.cs", ContainerSource(ns, path, environment, written.Body.ToString())));
        }
        files.Add(("Samples.cs", $"namespace Samples {{ public static class Values {{\n{_samples}}} }}\n"));
        return [.. files];
    }

    private void WriteRecord(int number, (string Namespace, string Prefix) home)
    {
        string name = $"{home.Prefix}R{number}";
        string full = $"global::{home.Namespace}.{name}";
        int memberCount = _random.Next(1, 6);
        var members = new List<(string Type, string Name)>();
        for (int m = 0; m < memberCount; m++)
        {
            members.Add((MemberType(depth: 0), $"M{m}"));
        }
        bool positional = _random.Next(2) == 0;
        string body = positional
            ? $"public sealed record {name}({string.Join(", ", members.Select(m => $"{m.Type} {m.Name}"))});"
            : $"public sealed class {name} {{ {string.Join(" ", members.Select(m => $"public {m.Type} {m.Name} {{ get; set; }}{(m.Type.EndsWith('?') ? "" : Initializer(m.Type))}"))} }}";
        _declarations.Append(CultureInfo.InvariantCulture, $"namespace {home.Namespace} {{ {body} }}\n");
        _types.Add(full);
        _types.Add(full + "?");
        _constructors[full] = (positional, members);
    }

    private readonly Dictionary<string, (bool Positional, List<(string Type, string Name)> Members)> _constructors = [];

    /// <summary>A settable non-nullable member needs a value for the nullable analysis; the reader sets it anyway.</summary>
    private static string Initializer(string type) => type == "string" || type.StartsWith("global::Rec", StringComparison.Ordinal)
        || type.StartsWith("global::SystemsBiology", StringComparison.Ordinal) || type.Contains('<') || type.EndsWith(']')
        ? " = default!;"
        : "";

    private string MemberType(int depth)
    {
        int pick = _random.Next(10);
        if (depth < 2 && pick == 0)
        {
            return $"global::System.Collections.Generic.List<{MemberType(depth + 1)}>";
        }
        if (depth < 2 && pick == 1)
        {
            return $"global::System.Collections.Generic.Dictionary<string, {MemberType(depth + 1)}>";
        }
        if (depth < 2 && pick == 2)
        {
            string element = MemberType(depth + 1);
            return element.EndsWith('?') ? $"global::System.Collections.Generic.IReadOnlyList<{element}>" : $"{element}[]";
        }
        return _types[_random.Next(_types.Count)];
    }

    private void WriteTask(StringBuilder body, (string Namespace, string Class) container, int index, int sampleIndex)
    {
        string type = _types[_random.Next(_types.Count)];
        if (_random.Next(3) == 0)
        {
            type = MemberType(0);
        }
        string sample = $"Value{sampleIndex}";
        _samples.Append(CultureInfo.InvariantCulture, $"public static {type} {sample}() => {Sample(type, 0)};\n");
        string typeName = container.Namespace + "." + container.Class;

        if (_random.Next(3) == 0)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"[Flyte.Task] public static ({type} first, int count) Pair{index}({type} value, int count) => (value, count);\n");
            Echoes.Add(new EchoTask(typeName, $"Pair{index}", sample, IsPair: true));
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"[Flyte.Task] public static {type} Echo{index}({type} value) => value;\n");
            Echoes.Add(new EchoTask(typeName, $"Echo{index}", sample, IsPair: false));
        }
        if (_random.Next(5) == 0)
        {
            // An overload of the task just written: FLY005, and only the first is generated.
            string name = Echoes[^1].MethodName;
            body.Append(CultureInfo.InvariantCulture, $"[Flyte.Task] public static int {name}(int value, long other) => value;\n");
            Overloads++;
        }
    }

    private string Sample(string type, int depth)
    {
        if (type.EndsWith('?'))
        {
            return _random.Next(3) == 0 ? "null" : Sample(type[..^1], depth);
        }
        const string List = "global::System.Collections.Generic.List<";
        const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList<";
        const string Map = "global::System.Collections.Generic.Dictionary<string, ";
        // An array first: List<T>[] is an array of lists.
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            string element = type[..^2];
            return $"new {element}[] {{ {Items(element, depth)} }}";
        }
        if (type.StartsWith(List, StringComparison.Ordinal) || type.StartsWith(ReadOnlyList, StringComparison.Ordinal))
        {
            string element = type[(type.IndexOf('<') + 1)..^1];
            return $"new {List}{element}> {{ {Items(element, depth)} }}";
        }
        if (type.StartsWith(Map, StringComparison.Ordinal))
        {
            string value = type[Map.Length..^1];
            int count = _random.Next(0, 3);
            return $"new {type} {{ {string.Join(", ", Enumerable.Range(0, count).Select(i => $"[\"k{i}\"] = {Sample(value, depth + 1)}"))} }}";
        }
        if (_constructors.TryGetValue(type, out var record))
        {
            var values = record.Members.Select(m => (m.Name, Value: Sample(m.Type, depth + 1))).ToList();
            return record.Positional
                ? $"new {type}({string.Join(", ", values.Select(v => v.Value))})"
                : $"new {type} {{ {string.Join(", ", values.Select(v => $"{v.Name} = {v.Value}"))} }}";
        }
        return type switch
        {
            "int" => _random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
            "long" => (_random.NextInt64(-1L << 40, 1L << 40)).ToString(CultureInfo.InvariantCulture) + "L",
            "double" => (_random.Next(-4000, 4000) / 8.0).ToString("R", CultureInfo.InvariantCulture) + "d",
            "bool" => _random.Next(2) == 0 ? "true" : "false",
            "string" => $"\"s{_random.Next(1000)} \\\"quoted\\\" é\"",
            "decimal" => (_random.Next(-100000, 100000) / 100m).ToString(CultureInfo.InvariantCulture) + "m",
            "global::System.Guid" => $"new global::System.Guid(\"{new Guid(Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256)).ToArray())}\")",
            "global::System.TimeSpan" => $"global::System.TimeSpan.FromMilliseconds({_random.Next(0, 10_000_000)})",
            "global::System.DateTime" => $"new global::System.DateTime({_random.Next(1990, 2040)}, {_random.Next(1, 13)}, {_random.Next(1, 29)}, 3, 4, 5, global::System.DateTimeKind.Utc)",
            "global::Enums.Level" => "global::Enums.Level." + new[] { "Low", "Medium", "High" }[_random.Next(3)],
            "global::Enums.Flag" => "global::Enums.Flag." + new[] { "Off", "On" }[_random.Next(2)],
            _ => throw new InvalidOperationException($"no sample for {type}"),
        };
    }

    private string Items(string element, int depth) =>
        string.Join(", ", Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Sample(element, depth + 1)));

    private static string ContainerSource(string ns, string path, string environment, string tasks)
    {
        string[] classes = path.Split('+');
        var source = new StringBuilder($"namespace {ns} {{\n");
        for (int i = 0; i < classes.Length; i++)
        {
            string attribute = i == classes.Length - 1 ? $"[Flyte.TaskEnvironment(\"{environment}\")] " : "";
            source.Append(CultureInfo.InvariantCulture, $"{attribute}public static partial class {classes[i]} {{\n");
        }
        source.Append(tasks);
        source.Append(new string('}', classes.Length)).Append("\n}\n");
        return source.ToString();
    }
}
