using Flyte.Local;
using ActionPhase = Flyteidl2.Common.ActionPhase;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// CreateRun checks inputs against the task's interface before it stores anything, because runs also come from
/// clients that are not this SDK (flyte-sdk, scripts): each request here is built by hand from flyteidl2's messages and
/// sent over gRPC, and each wrong one is INVALID_ARGUMENT naming the input and what it must be.
/// </summary>
public sealed class RunInputValidationTests : IAsyncLifetime
{
    private const string TaskName = "shapes.Describe";

    private DevboxHarness _harness = null!;
    private TaskIdentifier _describe = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _describe = (await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", TaskName))[TaskName];
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static Literal Integer(long value) => new() { Scalar = new Scalar { Primitive = new Primitive { Integer = value } } };

    private static Literal Float(double value) => new() { Scalar = new Scalar { Primitive = new Primitive { FloatValue = value } } };

    private static Literal Text(string value) => new() { Scalar = new Scalar { Primitive = new Primitive { StringValue = value } } };

    private static Literal List(params Literal[] items) => new() { Collection = new LiteralCollection { Literals = { items } } };

    private static Literal Map(params (string Key, Literal Value)[] entries)
    {
        var map = new LiteralMap();
        foreach (var (key, value) in entries)
        {
            map.Literals[key] = value;
        }
        return new Literal { Map = map };
    }

    /// <summary>GridPoint(X: 3, Y: 4) as flyte-sdk sends a dataclass: msgpack {"X": 3, "Y": 4}, tagged "msgpack".</summary>
    private static Literal Origin() => new()
    {
        Scalar = new Scalar { Binary = new Binary { Value = ByteString.CopyFrom(0x82, 0xA1, (byte)'X', 0x03, 0xA1, (byte)'Y', 0x04), Tag = "msgpack" } },
    };

    private static List<NamedLiteral> ValidInputs() =>
    [
        new() { Name = "counts", Value = List(Integer(1), Integer(2)) },
        new() { Name = "weights", Value = Map(("a", Float(0.5)), ("b", Float(2))) },
        new() { Name = "origin", Value = Origin() },
    ];

    private async Task<RunIdentifier> CreateRunAsync(IEnumerable<NamedLiteral> inputs)
    {
        var run = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = RunNames.New() };
        var request = new CreateRunRequest { RunId = run, TaskId = _describe, Inputs = new Inputs() };
        request.Inputs.Literals.Add(inputs);
        await _harness.Runs.CreateRunAsync(request);
        return run;
    }

    [Fact]
    public async Task Inputs_of_the_declared_types_run()
    {
        var run = await CreateRunAsync(ValidInputs());

        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal("counts 1,2; weights a=0.5,b=2; origin (3,4)", (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.StringValue);
    }

    public static TheoryData<string, Func<List<NamedLiteral>, List<NamedLiteral>>, string> WrongInputs => new()
    {
        {
            "an unknown input", inputs => [.. inputs, new NamedLiteral { Name = "colour", Value = Text("red") }],
            $"{TaskName} has no input 'colour'; its inputs: counts, origin, weights"
        },
        {
            "a duplicate input", inputs => [.. inputs, new NamedLiteral { Name = "counts", Value = List(Integer(3)) }],
            $"input 'counts' of {TaskName} is given twice"
        },
        {
            "a missing input", inputs => [.. inputs.Where(input => input.Name != "origin")],
            $"{TaskName} needs input 'origin', a record, as msgpack binary; none was given"
        },
        {
            "a number for a list", inputs => Replace(inputs, "counts", Integer(1)),
            $"input 'counts' of {TaskName} must be a list of integers"
        },
        {
            "a list with a string in it", inputs => Replace(inputs, "counts", List(Integer(1), Text("two"))),
            $"input 'counts' of {TaskName} must be a list of integers"
        },
        {
            "a list for a map", inputs => Replace(inputs, "weights", List(Float(0.5))),
            $"input 'weights' of {TaskName} must be a map of floats"
        },
        {
            "a map with a string value", inputs => Replace(inputs, "weights", Map(("a", Text("heavy")))),
            $"input 'weights' of {TaskName} must be a map of floats"
        },
        {
            "a string for a record", inputs => Replace(inputs, "origin", Text("{\"X\": 3, \"Y\": 4}")),
            $"input 'origin' of {TaskName} must be a record, as msgpack binary"
        },
        {
            "a map for a record", inputs => Replace(inputs, "origin", Map(("X", Integer(3)), ("Y", Integer(4)))),
            $"input 'origin' of {TaskName} must be a record, as msgpack binary"
        },
    };

    [Theory]
    [MemberData(nameof(WrongInputs))]
    public async Task Wrong_inputs_are_refused_naming_the_input_and_its_type_and_nothing_is_stored(string what, Func<List<NamedLiteral>, List<NamedLiteral>> spoil, string expected)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => CreateRunAsync(spoil(ValidInputs())));

        Assert.True(refused.StatusCode == StatusCode.InvalidArgument, $"{what}: {refused.StatusCode} {refused.Status.Detail}");
        Assert.Equal(expected, refused.Status.Detail);
        var runs = await _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain } });
        Assert.Empty(runs.Runs);
    }

    private static List<NamedLiteral> Replace(List<NamedLiteral> inputs, string name, Literal value) =>
        [.. inputs.Select(input => input.Name == name ? new NamedLiteral { Name = name, Value = value } : input)];
}
