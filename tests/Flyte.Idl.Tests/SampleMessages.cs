using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;
using TaskSpec = Flyteidl2.Task.TaskSpec;

namespace Flyte.Idl.Tests;

/// <summary>Realistic messages, shaped like the ones the SDK sends, for round-trip tests.</summary>
internal static class SampleMessages
{
    public static TaskTemplate TaskTemplate() => new()
    {
        Id = new Identifier
        {
            ResourceType = ResourceType.Task,
            Project = "flytesnacks",
            Domain = "development",
            Name = "quickstart.square",
            Version = "abc123",
        },
        Type = "python",
        Metadata = new TaskMetadata
        {
            Runtime = new RuntimeMetadata { Type = RuntimeMetadata.Types.RuntimeType.FlyteSdk, Version = "0.1.0", Flavor = "csharp" },
            Retries = new RetryStrategy { Retries = 2 },
            Timeout = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
            Discoverable = true,
            DiscoveryVersion = "1",
        },
        Interface = new TypedInterface
        {
            Inputs = new VariableMap { Variables = { Entry("x", SimpleType.Integer) } },
            Outputs = new VariableMap { Variables = { Entry("o0", SimpleType.Integer) } },
        },
        Container = new Container
        {
            Image = "localhost:5000/quickstart:latest",
            Args = { "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}" },
            Resources = new Resources
            {
                Requests = { new Resources.Types.ResourceEntry { Name = Resources.Types.ResourceName.Cpu, Value = "1" } },
                Limits = { new Resources.Types.ResourceEntry { Name = Resources.Types.ResourceName.Memory, Value = "512Mi" } },
            },
            Env = { new Flyteidl2.Core.KeyValuePair { Key = "LOG_LEVEL", Value = "debug" } },
        },
    };

    public static LiteralMap LiteralMap() => new()
    {
        Literals =
        {
            ["x"] = IntegerLiteral(42),
            ["name"] = new Literal { Scalar = new Scalar { Primitive = new Primitive { StringValue = "flyte" } } },
            ["values"] = new Literal
            {
                Collection = new LiteralCollection { Literals = { IntegerLiteral(1), IntegerLiteral(2), IntegerLiteral(3) } },
            },
            ["scores"] = new Literal
            {
                Map = new LiteralMap
                {
                    Literals = { ["a"] = new Literal { Scalar = new Scalar { Primitive = new Primitive { FloatValue = 0.5 } } } },
                },
            },
        },
    };

    public static Flyteidl2.Workflow.CreateRunRequest CreateRunRequest() => new()
    {
        RunId = new Flyteidl2.Common.RunIdentifier
        {
            Org = "local",
            Project = "flytesnacks",
            Domain = "development",
            Name = "r1a2b3c",
        },
        TaskSpec = new TaskSpec
        {
            TaskTemplate = TaskTemplate(),
            ShortName = "square",
            Environment = new Flyteidl2.Task.Environment { Name = "quickstart", Description = "samples" },
        },
        Inputs = new Flyteidl2.Task.Inputs
        {
            Literals = { new Flyteidl2.Task.NamedLiteral { Name = "x", Value = IntegerLiteral(7) } },
        },
        RunSpec = new Flyteidl2.Task.RunSpec { Interruptible = true, Envs = new Flyteidl2.Task.Envs { Values = { new Flyteidl2.Core.KeyValuePair { Key = "A", Value = "1" } } } },
    };

    public static Literal IntegerLiteral(long value) =>
        new() { Scalar = new Scalar { Primitive = new Primitive { Integer = value } } };

    private static VariableEntry Entry(string key, SimpleType simple) =>
        new() { Key = key, Value = new Variable { Type = new LiteralType { Simple = simple } } };
}
