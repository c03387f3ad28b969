namespace Flyte.Sdk.Tests.Tasks;

[TaskEnvironment("configured", Description = "tasks with options", Image = "registry.local/base:1", Cpu = "500m", Memory = "1Gi",
    Env = new[] { "STAGE=test", "REGION=eu" }, Secrets = new[] { "db/password" })]
public static partial class Configured
{
    [Task(Name = "train", Description = "trains a model", Retries = 3, Timeout = "1h", Cache = true, CacheVersion = "v2",
        CacheIgnoredInputs = new[] { "seed" }, CacheSerialize = true, Cpu = "2", Memory = "4Gi", Gpu = "1", Disk = "10Gi",
        CpuLimit = "4", MemoryLimit = "8Gi", Image = "registry.local/gpu:2", Env = new[] { "STAGE=prod" },
        Secrets = new[] { "api-key" }, Interruptible = true)]
    public static int Train(int epochs, int seed) => epochs + seed;

    [Task]
    public static int Defaults(int x) => x;

    [Task(Cache = true)]
    public static int Cached(int x) => x + 1;

    /// <summary>Optional parameters: their values go into the spec's default_inputs.</summary>
    [Task]
    public static string Scale(int x, int factor = 2, string? label = null, double rate = 0.5, Color color = Color.Green) => $"{x * factor * rate} {label} {color}";

    public enum Color { Red, Green }
}
