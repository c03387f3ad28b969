using Flyte.Generation;
using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Sdk.Tests;

/// <summary>
/// [RemoteTask] declarations as the generator writes them, the check of a declaration against a deployed interface, and
/// what a call does where no control plane is (a local run, a plain call). The call on a control plane is tested on
/// the devbox (Flyte.Devbox.Tests RemoteTaskTests).
/// </summary>
public sealed class RemoteTaskTests
{
    private static RemoteTaskDefinition Declared(string methodName) =>
        TaskRegistry.Initialize(typeof(RemoteCallers).Assembly)!.RemoteTasks.Single(d => d.MethodName == "Flyte.Sdk.Tests.Tasks.Deployed." + methodName);

    /// <summary>The spec of a task deployed with <paramref name="inputs"/> and <paramref name="outputs"/>, as any SDK writes one.</summary>
    private static TaskSpec DeployedSpec(IEnumerable<(string Name, LiteralType Type)> inputs, IEnumerable<(string Name, LiteralType Type)> outputs,
        params (string Name, Literal Value)[] defaults)
    {
        var template = new TaskTemplate
        {
            Id = new Identifier { Name = "ml.train", Version = "v1" },
            Interface = new TypedInterface { Inputs = new VariableMap(), Outputs = new VariableMap() },
        };
        foreach (var (name, type) in inputs)
        {
            template.Interface.Inputs.Variables.Add(new VariableEntry { Key = name, Value = new Variable { Type = type } });
        }
        foreach (var (name, type) in outputs)
        {
            template.Interface.Outputs.Variables.Add(new VariableEntry { Key = name, Value = new Variable { Type = type } });
        }
        var spec = new TaskSpec { TaskTemplate = template };
        foreach (var (name, value) in defaults)
        {
            spec.DefaultInputs.Add(new NamedParameter { Name = name, Parameter = new Parameter { Var = new Variable { Type = LiteralTypes.Integer }, Default = value } });
        }
        return spec;
    }

    private static LiteralType SampleType => Declared("Train").Interface.Inputs.Variables.Single(v => v.Key == "sample").Value.Type;

    [Fact]
    public void The_generated_definition_names_the_deployed_task_and_the_interface_the_declaration_expects()
    {
        var train = Declared("Train");
        var split = Declared("Split");

        Assert.Equal(("ml.train", null), (train.Name, train.Version));
        Assert.Equal(("ml.split", "v7"), (split.Name, split.Version));
        Assert.Equal(["sample", "epochs"], train.InputNames);
        Assert.Equal(LiteralTypes.Integer, train.Interface.Inputs.Variables.Single(v => v.Key == "epochs").Value.Type);
        Assert.Equal(["o0", "o1"], split.Interface.Outputs.Variables.Select(v => v.Key));
        Assert.Empty(Declared("Publish").Interface.Outputs.Variables);
    }

    [Fact]
    public void A_deployed_interface_that_matches_passes_and_extra_inputs_with_defaults_and_extra_outputs_are_fine()
    {
        var deployed = DeployedSpec(
            [("sample", SampleType), ("epochs", LiteralTypes.Integer), ("seed", LiteralTypes.Integer)],
            [("o0", LiteralTypes.Float), ("o1", LiteralTypes.String)],
            ("seed", ScalarLiterals.FromInt64(42)));

        Assert.Null(RemoteInterfaceCheck.Mismatch(Declared("Train"), deployed));
    }

    [Theory]
    [InlineData("type", "input 'epochs' is declared INTEGER but deployed as STRING")]
    [InlineData("missing input", "the deployed task has no input 'epochs' (its inputs: sample)")]
    [InlineData("required input", "the deployed task requires input 'seed' (INTEGER), which the declaration lacks")]
    [InlineData("output", "the result (o0) is declared FLOAT but deployed as INTEGER")]
    [InlineData("no output", "the declaration has a result but the deployed task returns nothing; declare it as returning Task")]
    public void A_mismatch_is_named_in_words(string kind, string expected)
    {
        (string, LiteralType) sample = ("sample", SampleType);
        var deployed = kind switch
        {
            "type" => DeployedSpec([sample, ("epochs", LiteralTypes.String)], [("o0", LiteralTypes.Float)]),
            "missing input" => DeployedSpec([sample], [("o0", LiteralTypes.Float)]),
            "required input" => DeployedSpec([sample, ("epochs", LiteralTypes.Integer), ("seed", LiteralTypes.Integer)], [("o0", LiteralTypes.Float)]),
            "output" => DeployedSpec([sample, ("epochs", LiteralTypes.Integer)], [("o0", LiteralTypes.Integer)]),
            _ => DeployedSpec([sample, ("epochs", LiteralTypes.Integer)], []),
        };

        Assert.Equal(expected, RemoteInterfaceCheck.Mismatch(Declared("Train"), deployed));
    }

    [Fact]
    public void Records_must_agree_on_their_field_names_but_not_on_their_titles()
    {
        var renamed = SampleType.Clone();
        renamed.Metadata.Fields["title"] = Google.Protobuf.WellKnownTypes.Value.ForString("PythonSample");
        var otherFields = SampleType.Clone();
        otherFields.Metadata.Fields["properties"].StructValue.Fields.Remove("rows");

        Assert.Null(LiteralTypeMatch.Difference(SampleType, renamed));
        Assert.Equal("record fields differ: declared (name, rows), deployed (name)", LiteralTypeMatch.Difference(SampleType, otherFields));
        Assert.Null(LiteralTypeMatch.Difference(LiteralTypes.Collection(LiteralTypes.Blob("csv", BlobType.Types.BlobDimensionality.Single)),
            LiteralTypes.Collection(LiteralTypes.Blob("", BlobType.Types.BlobDimensionality.Single))));
        Assert.Equal("list items: declared INTEGER but deployed as FLOAT",
            LiteralTypeMatch.Difference(LiteralTypes.Collection(LiteralTypes.Integer), LiteralTypes.Collection(LiteralTypes.Float)));
    }

    [Fact]
    public void The_inputs_sent_are_the_declared_values_and_the_deployed_defaults_in_the_deployed_order()
    {
        var deployed = DeployedSpec([("seed", LiteralTypes.Integer), ("sample", SampleType), ("epochs", LiteralTypes.Integer)], [], ("seed", ScalarLiterals.FromInt64(42)));
        var declared = new LiteralMap { Literals = { ["epochs"] = ScalarLiterals.FromInt64(3), ["sample"] = ScalarLiterals.FromString("s") } };

        var sent = RemoteTaskResolution.CompleteInputs(deployed, declared);

        Assert.Equal(["seed", "sample", "epochs"], sent.Literals.Keys);
        Assert.Equal(42, sent.Literals["seed"].Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task A_local_run_that_calls_a_remote_task_fails_saying_it_needs_a_control_plane()
    {
        string home = Directory.CreateTempSubdirectory("flyte-remote-task-").FullName;
        try
        {
            var run = await RemoteCallers.FlyteTasks.TrainOnce.RunLocalAsync("ada", new LocalRunOptions { RunDirectory = Path.Combine(home, "run"), UseCache = false });

            Assert.False(run.Succeeded);
            Assert.Contains("Flyte.Sdk.Tests.Tasks.Deployed.Train stands for the deployed task ml.train, which a local run cannot call; "
                + "run the workflow on a devbox or cluster (flyte run, without --local)", run.Failure!.Message);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_plain_call_outside_any_run_fails_saying_where_it_can_run()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Deployed.Publish("hello"));

        Assert.Equal("Flyte.Sdk.Tests.Tasks.Deployed.Publish stands for the deployed task ml.publish and can only be called by a task or workflow "
            + "running on a devbox or cluster (flyte run, without --local)", failure.Message);
    }
}
