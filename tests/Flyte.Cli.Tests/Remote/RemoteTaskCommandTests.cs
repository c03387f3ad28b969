using Flyte.Cli.Tests.Infrastructure;
using Flyte.Generation;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Grpc.Net.Client;
using Google.Protobuf.WellKnownTypes;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// [RemoteTask] through the CLI against a devbox (docs/remote-tasks.md): <c>flyte deploy</c> and <c>flyte run</c> check
/// samples/Scoring's declaration of quickstart.Square before anything is deployed or started, and
/// <c>flyte generate remote-task</c> writes a declaration from a task deployed in flyte-sdk's form.
/// </summary>
public sealed class RemoteTaskCommandTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>
{
    [Fact]
    public async Task Deploy_refuses_a_declaration_of_a_task_that_is_not_deployed_then_the_sample_runs_once_it_is()
    {
        // This class's own devbox has no quickstart.Square until the test deploys it.
        var refused = await devbox.RunAsync("deploy", TaskAssemblies.Scoring);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("flyte: Samples.Scoring.Square calls task quickstart.Square, which is not deployed in flytesnacks/development: "
            + "deploy it first, or correct the name in [RemoteTask]", refused.Error.Trim());

        await devbox.DeployOnceAsync(TaskAssemblies.Quickstart);
        // No --players: the parameter's C# default (3) is in the deployed spec's default_inputs, and the CLI takes it.
        var run = await devbox.RunAsync("run", TaskAssemblies.Scoring, "Leaderboard", "--at", "2026-01-01T05:00:00Z", "--json");
        var triggers = await devbox.RunAsync("get", "triggers", "scoring.Leaderboard");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2026-01-01 05:00 UTC, player 1: 1, player 2: 4, player 3: 9", run.Out);
        Assert.True(triggers.ExitCode == 0, triggers.ToString());
        Assert.Matches(@"hourly\s+scoring\.Leaderboard\s+cron: 0 \* \* \* \* \(UTC\), time in at\s+yes", triggers.Out);
    }

    [Fact]
    public async Task Generate_writes_the_declaration_of_a_task_deployed_in_python_form()
    {
        string task = "py" + Guid.NewGuid().ToString("N")[..8] + ".train_model";
        await DeployPythonTaskAsync(task);

        var listed = await devbox.RunAsync("get", "tasks");
        var generated = await devbox.RunAsync("generate", "remote-task", task, "--namespace", "Pipelines");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Matches(@"^NAME\s+VERSION\s+DEPLOYED\s+DESCRIPTION\r?\n", listed.Out);
        Assert.Matches($@"\n{System.Text.RegularExpressions.Regex.Escape(task)}\s+v1\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+Trains & scores\.", listed.Out);

        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.Equal($$"""
            // The deployed task {{task}}, version v1, in flytesnacks/development: written by 'flyte generate remote-task {{task}}'.
            using System.Threading.Tasks;
            using Flyte;

            namespace Pipelines;

            public static partial class RemoteTasks
            {
                /// <summary>Trains &amp; scores.</summary>
                // Left out, so the deployed defaults apply: epochs.
                [RemoteTask("{{task}}")]
                public static partial Task<(double, System.Collections.Generic.IReadOnlyList<string>)> TrainModel(TrainingData data, Color color, string? note, FlyteFile weights);
            }

            public sealed record TrainingData(string uri, long row_count, System.Collections.Generic.IReadOnlyList<double>? weights);

            public enum Color
            {
                red,
                green,
            }

            """.ReplaceLineEndings("\n"), generated.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Generate_names_a_task_that_is_not_deployed()
    {
        var missing = await devbox.RunAsync("generate", "remote-task", "nowhere.to_be_found");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("flyte: task nowhere.to_be_found is not deployed in flytesnacks/development at " + devbox.Devbox.Endpoint
            + "; check the name with 'flyte get tasks'", missing.Error.Trim());
    }

    /// <summary>
    /// <c>train_model(data: TrainingData, color: Color, note: str | None, weights: File, epochs: int = 5) -> tuple[float, list[str]]</c>
    /// as flyte-sdk deploys it: a dataclass as STRUCT with its JSON schema, an enum, an optional, a file, a default.
    /// </summary>
    private async Task DeployPythonTaskAsync(string task)
    {
        var schema = new Struct
        {
            Fields =
            {
                ["title"] = Value.ForString("TrainingData"),
                ["type"] = Value.ForString("object"),
                ["required"] = Value.ForList(Value.ForString("uri"), Value.ForString("row_count")),
                ["properties"] = Value.ForStruct(new Struct
                {
                    Fields =
                    {
                        ["uri"] = Value.ForStruct(new Struct { Fields = { ["type"] = Value.ForString("string") } }),
                        ["row_count"] = Value.ForStruct(new Struct { Fields = { ["type"] = Value.ForString("integer") } }),
                        ["weights"] = Value.ForStruct(new Struct
                        {
                            Fields = { ["type"] = Value.ForString("array"), ["items"] = Value.ForStruct(new Struct { Fields = { ["type"] = Value.ForString("number") } }) },
                        }),
                    },
                }),
            },
        };
        var inputs = new VariableMap();
        void Input(string name, LiteralType type) => inputs.Variables.Add(new VariableEntry { Key = name, Value = new Variable { Type = type } });
        Input("data", new LiteralType { Simple = SimpleType.Struct, Metadata = schema });
        Input("color", LiteralTypes.Enum("red", "green"));
        Input("note", LiteralTypes.Optional(LiteralTypes.String, "str"));
        Input("weights", LiteralTypes.Blob("", BlobType.Types.BlobDimensionality.Single));
        Input("epochs", LiteralTypes.Integer);
        var outputs = new VariableMap();
        outputs.Variables.Add(new VariableEntry { Key = "o0", Value = new Variable { Type = LiteralTypes.Float } });
        outputs.Variables.Add(new VariableEntry { Key = "o1", Value = new Variable { Type = LiteralTypes.Collection(LiteralTypes.String) } });
        var id = new TaskIdentifier { Project = "flytesnacks", Domain = "development", Name = task, Version = "v1" };
        var spec = new TaskSpec
        {
            ShortName = "train_model",
            TaskTemplate = new TaskTemplate
            {
                Id = new Identifier { ResourceType = ResourceType.Task, Project = id.Project, Domain = id.Domain, Name = task, Version = "v1" },
                Type = "python",
                Interface = new TypedInterface { Inputs = inputs, Outputs = outputs },
                Container = new Container
                {
                    Image = "ghcr.io/flyteorg/flyte:py3.12-v2.0.0",
                    Args = { "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}", "--resolver", "flyte._internal.resolvers.default.DefaultTaskResolver", "mod", "ml", "instance", "train_model" },
                },
            },
            DefaultInputs = { new NamedParameter { Name = "epochs", Parameter = new Parameter { Var = new Variable { Type = LiteralTypes.Integer }, Default = ScalarLiterals.FromInt64(5) } } },
            Documentation = new DocumentationEntity { ShortDescription = "Trains & scores." },
        };
        using var channel = GrpcChannel.ForAddress(devbox.Devbox.Endpoint);
        await new TaskService.TaskServiceClient(channel).DeployTaskAsync(new DeployTaskRequest { TaskId = id, Spec = spec });
    }
}
