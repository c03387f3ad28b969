namespace Flyte.Generators.Tests;

/// <summary>Representative task sources: every supported type, every option, every return shape.</summary>
internal static class TestSources
{
    public const string AllTypes = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Flyte;
        using Flyte.Tasks;

        namespace Demo;

        public enum Color { Red, Green, Blue }

        public sealed record Point(int X, double Y, string? Label);

        public sealed class Settings
        {
            public string Name { get; set; } = "";
            public List<int> Values { get; set; } = new();
            public Dictionary<string, Point> Named { get; set; } = new();
            public Color Color { get; set; }
            public DateTime When { get; set; }
            public TimeSpan Every { get; set; }
            public Guid Id { get; set; }
            public decimal Price { get; set; }
            public int? Maybe { get; set; }
            public int Computed => Values.Count;
        }

        public sealed record Tuning(int Epochs, double? Rate, string? Note = null, string Mode = "fast", Color Shade = Color.Green,
            decimal Budget = 1.50m, float Scale = 0.1f, long Offset = -5, ulong Big = 18446744073709551615, bool On = true,
            TimeSpan Wait = default, Point? Origin = null, Color? Tint = Color.Blue);

        public sealed class Knobs
        {
            public int? Limit { get; set; }
            public int? Floor { get; set; } = null;
            public double Ratio { get; init; } = 1;
            public List<string> Tags { get; init; } = ["a"];
        }

        [TaskEnvironment("types", Description = "all types", Image = "registry.local/types:1", Cpu = "500m", Memory = "1Gi",
            Env = new[] { "STAGE=test" }, Secrets = new[] { "db/password" })]
        public static partial class AllTypes
        {
            [Task]
            public static bool Scalars(bool b, sbyte sb, byte by, short s, ushort us, int i, uint ui, long l, ulong ul, float f, double d, decimal m, string str) => b;

            [Task]
            public static DateTime Times(DateTime when, DateTimeOffset at, TimeSpan span, Guid id) => when;

            [Task]
            public static Color Enums(Color color) => color;

            [Task]
            public static List<int> Collections(int[] array, List<string> list, IReadOnlyList<double> readOnly) => new(array);

            [Task]
            public static Dictionary<string, int> Maps(Dictionary<string, float> map, IReadOnlyDictionary<string, List<int>> nested) => new();

            [Task]
            public static int? Nullables(int? maybe, string? text, Color? color, List<Point?>? points) => maybe;

            [Task]
            public static Point Records(Point point, Settings settings) => point;

            [Task]
            public static Tuning Defaults(Tuning tuning, Knobs knobs) => tuning;

            [Task]
            public static (int Count, string Name) NamedTuple(int x) => (x, "n");

            [Task]
            public static (int, string) PositionalTuple(int x) => (x, "n");

            [Task]
            public static FlyteFile Files(FlyteFile file, FlyteDirectory dir) => file;

            [Task]
            public static DataFrame Tables(DataFrame table, DataFrame? maybe, List<DataFrame> many) => table;

            [Task]
            public static async Task<int> Injected(int x, ITaskContext context, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return x + context.Attempt;
            }

            [Task]
            public static void Nothing() { }

            [Task]
            public static Task NothingAsync() => Task.CompletedTask;

            [Task]
            public static ValueTask<int> ValueAsync(int x) => new(x);

            [Task(Name = "renamed", Description = "every option", Retries = 3, Timeout = "5m", Cache = true, CacheVersion = "v2",
                CacheIgnoredInputs = new[] { "seed" }, CacheSerialize = true, Cpu = "2", Memory = "4Gi", Gpu = "1", Disk = "10Gi",
                CpuLimit = "4", MemoryLimit = "8Gi", Image = "registry.local/gpu:2", Env = new[] { "MODE=fast", "STAGE=prod" },
                Secrets = new[] { "api-key" }, Interruptible = true)]
            public static int Options(int x, int seed) => x;

            [Workflow]
            public static async Task<int> Flow(int n)
            {
                int a = await ValueAsync(n);
                int b = Options(a, 1);
                Nothing();
                return a + b;
            }
        }
        """;

    /// <summary>Traces of every return kind, one with a record and the task context, called from a task and a workflow.</summary>
    public const string Traces = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Flyte;
        using Flyte.Tasks;

        namespace Fixtures;

        public sealed record Sample(string Name, List<double> Values);

        public static class Steps
        {
            [Trace]
            public static double Mean(Sample sample) => sample.Values.Count == 0 ? 0 : sample.Values[0];

            [Trace]
            internal static async Task<(int Count, string Name)> Describe(Sample sample, ITaskContext context)
            {
                await Task.Yield();
                return (sample.Values.Count, sample.Name + context.ActionName);
            }

            [Trace]
            public static Task Log(string line, CancellationToken cancellationToken) => Task.CompletedTask;

            [Trace]
            public static void Mark(string line) { }

            [Trace]
            public static ValueTask<int> Next(int x) => new(x + 1);

            [Trace]
            public static ValueTask Flush() => default;
        }

        [TaskEnvironment("traces")]
        public static partial class Analysis
        {
            [Task]
            public static async Task<double> Analyse(Sample sample, ITaskContext context, CancellationToken cancellationToken)
            {
                var (count, _) = await Steps.Describe(sample, context);
                await Steps.Log("counted", cancellationToken);
                Steps.Mark("marked");
                await Steps.Flush();
                return Steps.Mean(sample) + await Steps.Next(count);
            }
        }
        """;

    /// <summary>A cron trigger with a time input and input values of several types, and a fixed-rate trigger.</summary>
    public const string Triggers = """
        using System;
        using System.Threading.Tasks;
        using Flyte;

        namespace Fixtures;

        public enum Region { Eu, Us }

        [TaskEnvironment("reports")]
        public static partial class Reports
        {
            [Task]
            [Trigger("nightly", Cron = "0 2 * * *", TimeZone = "Europe/Paris", TimeInput = "at",
                Inputs = ["days=7", "region=Us", "label=night \"run\"", "ratio=0.5", "full=true"], Description = "every night")]
            [Trigger("often", EveryMinutes = 15, Active = false)]
            public static Task<int> Summarise(DateTimeOffset at, int days, Region region, string label, double ratio, bool full) => Task.FromResult(days);
        }
        """;
    /// <summary>[RemoteTask] declarations of every result kind, a record, pinned version and project, called from a workflow with default inputs.</summary>
    public const string RemoteTasks = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Flyte;

        namespace Fixtures;

        public sealed record Dataset(string uri, long rows);

        public static partial class Ml
        {
            [RemoteTask("ml.train")]
            public static partial Task<double> Train(Dataset dataset, long epochs);

            [RemoteTask("ml.split", Version = "v7", Project = "shared", Domain = "production")]
            internal static partial Task<(Dataset, Dataset)> Split(Dataset dataset, IReadOnlyList<string> columns);

            [RemoteTask("ml.publish")]
            public static partial Task Publish(string @class);
        }

        [TaskEnvironment("pipeline")]
        public static partial class Pipeline
        {
            [Workflow]
            public static async Task<double> Run(Dataset dataset, long epochs = 3, string? label = null, double rate = 0.5, System.TimeSpan wait = default)
            {
                var (train, _) = await Ml.Split(dataset, ["a", "b"]);
                double loss = await Ml.Train(train, epochs) * rate;
                await Ml.Publish("done");
                return loss;
            }
        }
        """;

    /// <summary>A reusable environment with every option of [Reusable], and one that takes flyte-sdk's defaults.</summary>
    public const string Reusable = """
        using System.Threading.Tasks;
        using Flyte;

        namespace Fixtures;

        [TaskEnvironment("embeddings")]
        [Reusable(Replicas = 3, MinReplicas = 1, IdleTtl = "5m", ScaledownTtl = "00:00:45", Concurrency = 2)]
        public static partial class Embeddings
        {
            [Task]
            public static int Embed(int token) => token * 31;
        }

        [Reusable]
        public static partial class Defaults
        {
            [Task]
            public static Task<int> Echo(int x) => Task.FromResult(x);
        }
        """;
}
