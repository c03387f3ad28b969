using System.Runtime.Loader;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Generators.Tests;

/// <summary>
/// A [Reusable] class's tasks carry flyte-sdk's wire form of a reusable environment (<c>add_reusable</c> in
/// src/flyte/_internal/runtime/reuse.py): the generated assembly is compiled, loaded and its task turned into a
/// TaskTemplate, which is compared with what flyte-sdk writes for the same environment. The actor version is the known
/// answer of tools/known-answers/actor-version.py, which re-implements flyte-sdk's hash with Python's own formatting.
/// </summary>
public class ReusableWireFormTests
{
    private const string Source = """
        using Flyte;

        [TaskEnvironment("embeddings", Cpu = "1", Memory = "512Mi", MemoryLimit = "1Gi", Env = new[] { "MODEL=small", "GREETING=it's café" }, Secrets = new[] { "hf/token" })]
        [Reusable(Replicas = 3, MinReplicas = 1, IdleTtl = "5m", ScaledownTtl = "45s", Concurrency = 2)]
        public static partial class Embeddings
        {
            [Task(Image = "registry.local/embed:1")]
            public static int Embed(int token) => token * 31;
        }
        """;

    private static readonly TaskTemplateSettings Deployed = new()
    {
        Project = "flytesnacks",
        Domain = "development",
        Version = "0123456789abcdef0123456789abcdef",
        CodeBundleUri = "s3://bucket/fast0123456789abcdef0123456789abcdef.tar.gz",
    };

    [Fact]
    public void The_template_is_an_actor_with_flyte_sdks_custom_spec()
    {
        var template = TemplateOf(Source, Deployed);

        Assert.Equal("actor", template.Type);
        var expected = new Struct
        {
            Fields =
            {
                ["name"] = Value.ForString("embeddings"),
                ["version"] = Value.ForString("cd9b213e79e0406"),
                ["type"] = Value.ForString("actor"),
                ["spec"] = Value.ForStruct(new Struct
                {
                    Fields =
                    {
                        ["container_image"] = Value.ForString("registry.local/embed:1"),
                        ["backlog_length"] = Value.ForNull(),
                        ["parallelism"] = Value.ForNumber(2),
                        ["min_replica_count"] = Value.ForNumber(1),
                        ["replica_count"] = Value.ForNumber(3),
                        ["ttl_seconds"] = Value.ForNumber(300),
                        ["scaledown_ttl_seconds"] = Value.ForNumber(45),
                    },
                }),
            },
        };
        Assert.Equal(expected, template.Custom);
        // The rest of the template is a plain task's: the actor config is added to it, nothing else changes.
        Assert.Equal("registry.local/embed:1", template.Container.Image);
        Assert.NotEmpty(template.Container.Args);
        Assert.False(template.Metadata.Debuggable);
    }

    [Fact]
    public void The_version_hashes_the_components_flyte_sdk_hashes()
    {
        var template = TemplateOf(Source, Deployed);
        template.Custom = null;
        var policy = new Generation.ReusePolicy { MinReplicas = 1, MaxReplicas = 3, Concurrency = 2, IdleTtl = TimeSpan.FromMinutes(5), ScaledownTtl = TimeSpan.FromSeconds(45) };

        // Printed by tools/known-answers/actor-version.py.
        Assert.Equal(
            """embeddings:b'\n\x16registry.local/embed:1"\x1b\n\x05\x08\x01\x12\x011\n\t\x08\x03\x12\x05512Mi\x12\x07\x08\x03\x12\x031Gi*\x0e\n\x05MODEL\x12\x05small*\x16\n\x08GREETING\x12\nit\'s caf\xc3\xa9':1:3:300.0:0:00:45:0123456789abcdef0123456789abcdef:b'\x12\x17\n\x02hf\x1a\x05token \x01*\x08HF_TOKEN':False:""",
            ActorTemplates.Components(template, "embeddings", policy, Deployed.Version));
    }

    [Fact]
    public void The_version_changes_with_what_a_worker_runs_and_not_with_the_tasks_args()
    {
        string version = VersionOf(Source, Deployed);

        // Another bundle, another image, another pool; the args (which name the task) are left out, so that every task
        // of the environment shares its workers.
        Assert.NotEqual(version, VersionOf(Source, Deployed with { Version = "fedcba9876543210fedcba9876543210" }));
        Assert.NotEqual(version, VersionOf(Source.Replace("registry.local/embed:1", "registry.local/embed:2"), Deployed));
        Assert.NotEqual(version, VersionOf(Source.Replace("MinReplicas = 1", "MinReplicas = 2"), Deployed));
        Assert.Equal(version, VersionOf(Source.Replace("public static int Embed(int token)", "public static int Embed(int token, int scale = 2)"), Deployed));
        // flyte-sdk leaves the concurrency out of the hash.
        Assert.Equal(version, VersionOf(Source.Replace("Concurrency = 2", "Concurrency = 4"), Deployed));
    }

    [Fact]
    public void Flyte_sdks_defaults_apply_to_a_bare_attribute()
    {
        var template = TemplateOf("""
            using Flyte;
            [Reusable] public static partial class Echoes { [Task] public static int Echo(int x) => x; }
            """, Deployed with { DefaultImage = "registry.local/base:1" });

        var spec = template.Custom.Fields["spec"].StructValue.Fields;
        Assert.Equal("echoes", template.Custom.Fields["name"].StringValue);
        Assert.Equal(1, spec["parallelism"].NumberValue);
        Assert.Equal(2, spec["min_replica_count"].NumberValue);
        Assert.Equal(2, spec["replica_count"].NumberValue);
        Assert.Equal(30, spec["ttl_seconds"].NumberValue);
        Assert.Equal(30, spec["scaledown_ttl_seconds"].NumberValue);
    }

    [Fact]
    public void A_task_without_a_bundle_hashes_no_bundle_version()
    {
        var template = TemplateOf(Source, Deployed with { CodeBundleUri = null });
        var policy = new Generation.ReusePolicy { MinReplicas = 1, MaxReplicas = 3, Concurrency = 2, IdleTtl = TimeSpan.FromMinutes(5), ScaledownTtl = TimeSpan.FromSeconds(45) };

        Assert.EndsWith(":0:00:45:b'\\x12\\x17\\n\\x02hf\\x1a\\x05token \\x01*\\x08HF_TOKEN':False:", ActorTemplates.Components(template, "embeddings", policy, codeBundleVersion: null));
    }

    private static string VersionOf(string source, TaskTemplateSettings settings) => TemplateOf(source, settings).Custom.Fields["version"].StringValue;

    /// <summary>Compiles the source with the generator, loads its one task and makes its template.</summary>
    private static TaskTemplate TemplateOf(string source, TaskTemplateSettings settings)
    {
        var result = GeneratorHarness.Run(("Test.cs", source));
        GoldenFileTests.AssertNoDiagnostics(result);
        using var image = new MemoryStream();
        var emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("reusable", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(image).GetTypes().Single(t => t.IsSubclassOf(typeof(TaskDefinition)));
            var definition = (TaskDefinition)type.GetProperty("Instance")!.GetValue(null)!;
            return TaskTemplates.Create(definition, settings);
        }
        finally
        {
            context.Unload();
        }
    }
}
