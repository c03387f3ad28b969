using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Flyte.Local;
using Flyte.Storage;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Trigger;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;
using ActionPhase = Flyteidl2.Common.ActionPhase;

namespace Flyte.Devbox.Services;

/// <summary>
/// Creates runs (RunService.CreateRun, and the trigger scheduler): of a deployed task (task_id), of a spec sent by
/// value (task_spec), or of a trigger's task version (trigger_name, docs/triggers.md), with inputs inline or offloaded.
/// </summary>
public sealed class RunStarter(RunBook runs, DevboxStorage storage, ImageCheck images)
{
    /// <param name="runStartTime">
    /// When the run starts for its tasks (<c>{{.runStartTime}}</c>): a trigger's scheduled time; null for its creation
    /// time. (The pinned flyteidl2 has no CreateRunRequest.run_start_time, so the scheduler passes it here.)
    /// </param>
    /// <returns>The new run's root action.</returns>
    /// <exception cref="RpcException">INVALID_ARGUMENT, NOT_FOUND or ALREADY_EXISTS, saying why no run was created.</exception>
    public async Task<ActionRecord> CreateAsync(CreateRunRequest request, CancellationToken cancellationToken, DateTimeOffset? runStartTime = null)
    {
        var runKey = RunKeyFor(request);
        var (spec, taskVersion, trigger) = ResolveTask(request, runKey);
        string runBase = storage.RunBase(runKey);
        string inputUri = ProtoObjects.Join(runBase, RunBook.RootActionName + "/inputs.pb");
        if (request.OffloadedInputData is { Uri.Length: > 0 } offloaded)
        {
            inputUri = offloaded.Uri;
        }
        else
        {
            // The task's defaults fill the inputs left out, as the open-source backend's fillDefaultInputs does.
            var inputs = WithDefaults(trigger is null ? request.Inputs ?? new Inputs() : TriggerInputs(trigger, request.Inputs), spec);
            if (InputsCheck.Problem(spec, inputs) is { } problem)
            {
                throw Invalid(problem);
            }
            if (runs.Database.GetRun(runKey) is not null)
            {
                throw RunExists(runKey);
            }
            await storage.WriteAsync(inputUri, inputs, cancellationToken).ConfigureAwait(false);
        }

        var runSpec = request.RunSpec;
        if (runSpec is null && trigger is not null)
        {
            runSpec = TriggerSpec.Parser.ParseFrom(trigger.Spec).RunSpec;
        }

        var now = DateTimeOffset.UtcNow;
        string taskName = spec.TaskTemplate.Id?.Name ?? "";
        var run = new RunRecord(runKey, now, taskName, (int)ActionPhase.Queued, inputUri, runBase, null, false, runSpec?.ToByteArray(), runStartTime);
        var source = trigger is null ? null : new RunTrigger(trigger.Key.Name, trigger.Key.TaskName, trigger.Revision, (int)request.Source);
        var root = new ActionRecord(new ActionKey(runKey, RunBook.RootActionName), null, taskName, taskVersion, spec.ToByteArray(), inputUri, runBase,
            null, null, (int)ActionPhase.Queued, 0, null, null, false, false, now, null, null, 0, ActionKind.Task, source);
        if (!runs.TryCreate(run, root))
        {
            throw RunExists(runKey);
        }
        return runs.Database.GetAction(root.Key)!;
    }

    /// <summary>A triggered run's inputs: the trigger's stored inputs, then the request's (the kickoff time) over them (docs/triggers.md).</summary>
    private static Inputs TriggerInputs(TriggerRecord trigger, Inputs? requested)
    {
        var stored = TriggerSpec.Parser.ParseFrom(trigger.Spec).Inputs ?? new Inputs();
        var merged = new Inputs();
        merged.Context.Add(stored.Context);
        var byName = new Dictionary<string, NamedLiteral>(StringComparer.Ordinal);
        foreach (var literal in stored.Literals.Concat(requested?.Literals ?? []))
        {
            if (byName.TryGetValue(literal.Name, out var earlier))
            {
                merged.Literals.Remove(earlier);
            }
            byName[literal.Name] = literal;
            merged.Literals.Add(literal);
        }
        return merged;
    }

    /// <summary><paramref name="inputs"/> with the default of every input of the task they leave out (the spec's default_inputs).</summary>
    private static Inputs WithDefaults(Inputs inputs, TaskSpec spec)
    {
        var given = inputs.Literals.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var missing = spec.DefaultInputs.Where(p => !given.Contains(p.Name) && p.Parameter?.Default is not null).ToList();
        if (missing.Count == 0)
        {
            return inputs;
        }
        var filled = inputs.Clone();
        filled.Literals.Add(missing.Select(p => new NamedLiteral { Name = p.Name, Value = p.Parameter.Default }));
        return filled;
    }

    /// <summary>The run's id as given, or a new name in the given project.</summary>
    private static RunKey RunKeyFor(CreateRunRequest request)
    {
        if (request.RunId is not null)
        {
            return Keys.Run(request.RunId);
        }
        if (request.ProjectId is null)
        {
            throw Invalid("run_id or project_id is required");
        }
        var (org, project, domain) = Keys.Project(request.ProjectId);
        return new RunKey(org, project, domain, RunNames.New());
    }

    private (TaskSpec Spec, string Version, TriggerRecord? Trigger) ResolveTask(CreateRunRequest request, RunKey run)
    {
        switch (request.TaskCase)
        {
            case CreateRunRequest.TaskOneofCase.TaskId:
                var key = Keys.Task(request.TaskId);
                return (RequireTask(key), key.Version, null);
            case CreateRunRequest.TaskOneofCase.TaskSpec:
                var spec = request.TaskSpec;
                if (spec.TaskTemplate is not { Container: not null })
                {
                    throw Invalid("task_spec.task_template with a container is required");
                }
                images.Require(spec, spec.TaskTemplate.Id is { Name.Length: > 0 } named ? named.Name : spec.ShortName, "task_spec");
                return (spec, spec.TaskTemplate.Id?.Version ?? "", null);
            case CreateRunRequest.TaskOneofCase.TriggerName:
                var triggerKey = Keys.Trigger(request.TriggerName);
                var trigger = runs.Database.GetTrigger(triggerKey)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"trigger \"{triggerKey.Name}\" of task {triggerKey.TaskName} not found in {triggerKey.Project}/{triggerKey.Domain}"));
                var taskKey = new TaskKey(triggerKey.Org, triggerKey.Project, triggerKey.Domain, triggerKey.TaskName, trigger.TaskVersion);
                return (RequireTask(taskKey), trigger.TaskVersion, trigger);
            default:
                throw Invalid($"task_id, task_spec or trigger_name is required to start run {run.Name}");
        }
    }

    private TaskSpec RequireTask(TaskKey key)
    {
        var task = runs.Database.GetTask(key)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"task {key.Name} version {key.Version} is not deployed in {key.Project}/{key.Domain}; deploy it first (flyte deploy)"));
        return TaskSpec.Parser.ParseFrom(task.Spec);
    }

    /// <summary>When the run started for its tasks: the run_start_time it was created with, else its creation time.</summary>
    public static DateTimeOffset StartTimeOf(RunRecord run) => run.StartTime ?? run.CreatedAt;

    private static RpcException RunExists(RunKey key) =>
        new(new Status(StatusCode.AlreadyExists, $"run {key.Name} already exists in {key.Project}/{key.Domain}; choose another name or leave it out"));

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
