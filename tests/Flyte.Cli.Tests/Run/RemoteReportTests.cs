using Flyte.Cli.Remote;
using Flyte.Cli.Run;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Cli.Tests.Run;

/// <summary>The end-of-run tree of a run on a control plane: tasks by their task's name, traces by their function's, marked.</summary>
public class RemoteReportTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    [Fact]
    public void A_trace_reads_as_its_function_marked_trace_and_a_task_as_before()
    {
        Action[] actions =
        [
            Task("a0", "", "demo.Flow", ActionPhase.Succeeded, 0, 5),
            Task("c1", "a0", "demo.Square", ActionPhase.Succeeded, 1, 1),
            // As RunService answers a trace (flyte backend runs/service/run_service.go, ACTION_TYPE_TRACE): its metadata
            // names the traced function, the name flyte-sdk's Action.from_trace sends as TraceAction.name.
            Trace("t1", "a0", "fetch_data", ActionPhase.Failed, 2, 1.5),
        ];
        var output = new StringWriter();

        RemoteReport.Write(output, ActionTree.Build(actions));

        Assert.Equal(
            """
            a0 demo.Flow SUCCEEDED 5.0s
              c1 demo.Square SUCCEEDED 1.0s
              t1 fetch_data (trace) FAILED 1.5s

            """,
            output.ToString().Replace("\r\n", "\n"));
    }

    private static Action Task(string name, string parent, string task, ActionPhase phase, int startSecond, double seconds) => new()
    {
        Id = new ActionIdentifier { Name = name, Run = new RunIdentifier { Name = "r1" } },
        Metadata = new ActionMetadata { Parent = parent, ActionType = ActionType.Task, Task = new TaskActionMetadata { Id = new Flyteidl2.Task.TaskIdentifier { Name = task } } },
        Status = Status(phase, startSecond, seconds),
    };

    private static Action Trace(string name, string parent, string function, ActionPhase phase, int startSecond, double seconds) => new()
    {
        Id = new ActionIdentifier { Name = name, Run = new RunIdentifier { Name = "r1" } },
        Metadata = new ActionMetadata { Parent = parent, ActionType = ActionType.Trace, Trace = new TraceActionMetadata { Name = function } },
        Status = Status(phase, startSecond, seconds),
    };

    private static ActionStatus Status(ActionPhase phase, int startSecond, double seconds) => new()
    {
        Phase = phase,
        Attempts = 1,
        StartTime = Timestamp.FromDateTimeOffset(Start.AddSeconds(startSecond)),
        EndTime = Timestamp.FromDateTimeOffset(Start.AddSeconds(startSecond + seconds)),
    };
}
