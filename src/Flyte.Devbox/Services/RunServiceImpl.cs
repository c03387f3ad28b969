using Flyte.Devbox.Execution;
using Flyte.Local;
using ActionPhase = Flyteidl2.Common.ActionPhase;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Flyte.Storage;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// RunService: runs of deployed tasks (by task_id), of specs sent by value (task_spec) or of triggers (trigger_name),
/// created by <see cref="RunStarter"/>; their details, watched until they end; their actions; their data; and aborts.
/// </summary>
public sealed class RunServiceImpl(RunBook runs, ActionExecutor executor, RunStarter starter) : RunService.RunServiceBase
{
    public override async Task<CreateRunResponse> CreateRun(CreateRunRequest request, ServerCallContext context)
    {
        var root = await starter.CreateAsync(request, context.CancellationToken).ConfigureAwait(false);
        return new CreateRunResponse { Run = new Run { Action = RecordMessages.ToAction(root) } };
    }

    public override Task<GetRunDetailsResponse> GetRunDetails(GetRunDetailsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetRunDetailsResponse { Details = RunDetailsOf(RequireRun(Keys.Run(request.RunId))) });

    public override async Task WatchRunDetails(WatchRunDetailsRequest request, IServerStreamWriter<WatchRunDetailsResponse> responseStream, ServerCallContext context)
    {
        var run = RequireRun(Keys.Run(request.RunId));
        using var subscription = runs.Feed.Subscribe(run.Key);
        var details = RunDetailsOf(run);
        await responseStream.WriteAsync(new WatchRunDetailsResponse { Details = details }, context.CancellationToken).ConfigureAwait(false);
        if (RunBook.IsTerminal(details.Action.Status.Phase))
        {
            return;
        }
        await foreach (var change in subscription.Changes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (change.Key.Name != RunBook.RootActionName)
            {
                continue;
            }
            details = RunDetailsOf(RequireRun(run.Key));
            await responseStream.WriteAsync(new WatchRunDetailsResponse { Details = details }, context.CancellationToken).ConfigureAwait(false);
            if (RunBook.IsTerminal(details.Action.Status.Phase))
            {
                return;
            }
        }
    }

    public override Task<GetActionDetailsResponse> GetActionDetails(GetActionDetailsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetActionDetailsResponse { Details = ActionDetailsOf(RequireAction(Keys.Action(request.ActionId))) });

    public override async Task WatchActionDetails(WatchActionDetailsRequest request, IServerStreamWriter<WatchActionDetailsResponse> responseStream, ServerCallContext context)
    {
        var action = RequireAction(Keys.Action(request.ActionId));
        using var subscription = runs.Feed.Subscribe(action.Key.Run);
        await responseStream.WriteAsync(new WatchActionDetailsResponse { Details = ActionDetailsOf(RequireAction(action.Key)) }, context.CancellationToken).ConfigureAwait(false);
        if (RunBook.IsTerminal(action.Phase))
        {
            return;
        }
        await foreach (var change in subscription.Changes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (change.Key != action.Key)
            {
                continue;
            }
            await responseStream.WriteAsync(new WatchActionDetailsResponse { Details = ActionDetailsOf(change) }, context.CancellationToken).ConfigureAwait(false);
            if (RunBook.IsTerminal(change.Phase))
            {
                return;
            }
        }
    }

    public override Task<GetActionDataURIsResponse> GetActionDataURIs(GetActionDataURIsRequest request, ServerCallContext context)
    {
        var action = RequireAction(Keys.Action(request.ActionId));
        return Task.FromResult(new GetActionDataURIsResponse
        {
            InputsUri = action.InputUri,
            OutputsUri = ActionOutputs.File(action) ?? "",
        });
    }

    public override Task<ListRunsResponse> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        if (request.ScopeByCase != ListRunsRequest.ScopeByOneofCase.ProjectId)
        {
            throw Invalid("project_id is required: the devbox lists the runs of one project and domain");
        }
        var (org, project, domain) = Keys.Project(request.ProjectId);
        int limit = request.Request?.Limit is > 0 and var given ? (int)Math.Min(given, MaximumPageSize) : DefaultPageSize;
        var filters = RunFilters.From(request.Request);
        string? token = NullIfEmpty(request.Request?.Token);
        if (token is not null)
        {
            Identifiers.Name(token, "request.token");
            if (runs.Database.GetRun(new RunKey(org, project, domain, token)) is null)
            {
                throw Invalid($"request.token {Shown.Value(token)} names no run of {project}/{domain}: pass the token of the previous page as it was returned");
            }
        }

        // Filtered runs are read page by page until the page is full or the runs end.
        var response = new ListRunsResponse();
        string? last = null;
        while (response.Runs.Count < limit)
        {
            var page = runs.Database.ListRuns(org, project, domain, limit, token);
            foreach (var run in page)
            {
                last = run.Key.Name;
                if (filters.Match(run) && runs.Database.GetAction(new ActionKey(run.Key, RunBook.RootActionName)) is { } root)
                {
                    response.Runs.Add(new Run { Action = RecordMessages.ToAction(root) });
                    if (response.Runs.Count == limit)
                    {
                        break;
                    }
                }
            }
            if (response.Runs.Count == limit)
            {
                break;
            }
            if (page.Count < limit)
            {
                last = null;
                break;
            }
            token = page[^1].Key.Name;
        }
        response.Token = last ?? "";
        return Task.FromResult(response);
    }

    /// <summary>Every later change of a run of one project and domain, as its root action: the client lists the runs
    /// first (ListRuns), then keeps its list current from this stream, which ends only when the client leaves.</summary>
    public override async Task WatchRuns(WatchRunsRequest request, IServerStreamWriter<WatchRunsResponse> responseStream, ServerCallContext context)
    {
        if (request.TargetCase != WatchRunsRequest.TargetOneofCase.ProjectId)
        {
            throw Invalid("project_id is required: the devbox watches the runs of one project and domain");
        }
        var (org, project, domain) = Keys.Project(request.ProjectId);
        using var subscription = runs.Feed.SubscribeToRuns(org, project, domain);
        // Headers out once subscribed: a client that waits for them knows no later change is missed.
        await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
        await foreach (var change in subscription.Changes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var response = new WatchRunsResponse();
            response.Runs.Add(new Run { Action = RecordMessages.ToAction(change) });
            await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<ListActionsResponse> ListActions(ListActionsRequest request, ServerCallContext context)
    {
        var run = RequireRun(Keys.Run(request.RunId));
        var response = new ListActionsResponse();
        response.Actions.Add(runs.Database.ListActions(run.Key).Select(RecordMessages.ToAction));
        return Task.FromResult(response);
    }

    public override async Task WatchActions(WatchActionsRequest request, IServerStreamWriter<WatchActionsResponse> responseStream, ServerCallContext context)
    {
        var run = RequireRun(Keys.Run(request.RunId));
        using var subscription = runs.Feed.Subscribe(run.Key);
        var all = new WatchActionsResponse();
        all.EnrichedActions.Add(runs.Database.ListActions(run.Key).Select(a => new EnrichedAction { Action = RecordMessages.ToAction(a), MeetsFilter = true }));
        await responseStream.WriteAsync(all, context.CancellationToken).ConfigureAwait(false);
        if (RunBook.IsTerminal(RequireRun(run.Key).Phase))
        {
            return;
        }
        await foreach (var change in subscription.Changes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            var one = new WatchActionsResponse();
            one.EnrichedActions.Add(new EnrichedAction { Action = RecordMessages.ToAction(change), MeetsFilter = true });
            await responseStream.WriteAsync(one, context.CancellationToken).ConfigureAwait(false);
            if (change.Key.Name == RunBook.RootActionName && RunBook.IsTerminal(change.Phase))
            {
                return;
            }
        }
    }

    public override Task<AbortRunResponse> AbortRun(AbortRunRequest request, ServerCallContext context)
    {
        executor.AbortRun(RequireRun(Keys.Run(request.RunId)).Key);
        return Task.FromResult(new AbortRunResponse());
    }

    public override Task<AbortActionResponse> AbortAction(AbortActionRequest request, ServerCallContext context)
    {
        executor.Abort(RequireAction(Keys.Action(request.ActionId)).Key);
        return Task.FromResult(new AbortActionResponse());
    }

    private RunDetails RunDetailsOf(RunRecord run)
    {
        var details = new RunDetails { Action = ActionDetailsOf(RequireAction(new ActionKey(run.Key, RunBook.RootActionName))) };
        if (run.Spec is { } spec)
        {
            details.RunSpec = RunSpec.Parser.ParseFrom(spec);
        }
        return details;
    }

    private ActionDetails ActionDetailsOf(ActionRecord action) => RecordMessages.ToDetails(action, runs.Database.ListAttempts(action.Key));

    private RunRecord RequireRun(RunKey key) =>
        runs.Database.GetRun(key) ?? throw new RpcException(new Status(StatusCode.NotFound, $"run {key.Name} does not exist in {key.Project}/{key.Domain}"));

    private ActionRecord RequireAction(ActionKey key) =>
        runs.Database.GetAction(key) ?? throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} does not exist"));

    private const int DefaultPageSize = 50;
    private const int MaximumPageSize = 1000;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
