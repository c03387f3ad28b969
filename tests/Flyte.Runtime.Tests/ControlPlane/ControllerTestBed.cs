using Flyte.Generation;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Controller;
using Flyte.Runtime.Execution;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Action = Flyteidl2.Actions.Action;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// What the controller's recovery tests share: the root action a0 of run r1 as the parent, Quickstart's Square as
/// the child, a controller whose run base is a folder of the test, and waits that give up only after a generous bound
/// they name in the failure (they wait for a state; they never assert how fast it came).
/// </summary>
internal sealed class ControllerTestBed(string work)
{
    /// <summary>Long enough for a loaded machine; there only so that a hang fails instead of blocking the run.</summary>
    public static readonly TimeSpan Bound = Until.DefaultBound;

    public static readonly ActionIdentifier Parent = new()
    {
        Run = new RunIdentifier { Project = "flytesnacks", Domain = "development", Name = "r1" },
        Name = "a0",
    };

    public static TaskDefinition Square => SampleTasks.Get(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");

    public static LiteralMap SquareInputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

    /// <param name="useActions">ActionsService (as with <c>_U_USE_ACTIONS=1</c>), else QueueService and StateService.</param>
    public static ControlPlaneConnection Connect(string endpoint, bool useActions = true) => new(new ControllerSettings(endpoint, Insecure: true, UseActions: useActions));

    /// <param name="log">Where the controller writes its lines (it writes from several threads); none by default.</param>
    public ActionsController Controller(ControlPlaneConnection connection, TimeSpan? patience = null, TextWriter? log = null) =>
        new(connection, Parent, Path.Combine(work, "run"), new TaskTemplateSettings { Version = "v1" }, new Dictionary<string, string>(),
            log ?? TextWriter.Null, patience);

    /// <summary>The attempt prefix a child's files would go under (as the control plane reports it in OutputUri).</summary>
    public string OutputPrefixOf(Action action) => Path.Combine(work, "outputs", action.ActionId.Name, "0");

    /// <summary>Writes the outputs a child would have (o0 = <paramref name="value"/>) and answers its end in <paramref name="phase"/>.</summary>
    public async Task<ActionUpdate> EndWithOutputAsync(Action action, ActionPhase phase, long value)
    {
        string prefix = OutputPrefixOf(action);
        var outputs = new Flyteidl2.Task.Outputs { Literals = { new Flyteidl2.Task.NamedLiteral { Name = "o0", Value = ScalarLiterals.FromInt64(value) } } };
        await ProtoObjects.WriteAsync(ProtoObjects.Join(prefix, "outputs.pb"), outputs);
        return new ActionUpdate { ActionId = action.ActionId, Phase = phase, OutputUri = prefix };
    }

    /// <summary>Writes the error.pb a failed child would leave under its attempt prefix.</summary>
    public async Task WriteErrorDocumentAsync(Action action, string code, string message)
    {
        var document = new ErrorDocument { Error = new ContainerError { Code = code, Message = message, Kind = ContainerError.Types.Kind.NonRecoverable } };
        await ProtoObjects.WriteAsync(ProtoObjects.Join(OutputPrefixOf(action), "error.pb"), document);
    }

    /// <summary><paramref name="task"/>, failing the test when it has not finished within the bound.</summary>
    public static async Task<T> WithinBoundAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{what} did not finish within {Bound.TotalSeconds:0} s");
        }
    }

    /// <summary>The exception <paramref name="call"/> ends with, failing the test when it ends otherwise or not within the bound.</summary>
    public static async Task<TException> FailureOfAsync<TException>(Task call, string what) where TException : Exception
    {
        try
        {
            await call.WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{what} did not end within {Bound.TotalSeconds:0} s");
        }
        catch (TException e)
        {
            return e;
        }
        throw new Xunit.Sdk.XunitException($"{what} succeeded; expected a {typeof(TException).Name}");
    }
}
