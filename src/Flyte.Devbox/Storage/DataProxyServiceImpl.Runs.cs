using Flyte.Devbox.Runs;
using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyte.Hashing;
using Flyte.Storage;
using Flyteidl2.Common;
using Flyteidl2.Dataproxy;
using Flyteidl2.Logs.Dataplane;
using Flyteidl2.Task;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Storage;

/// <summary>The DataProxy calls about runs: offloaded inputs, an action's inputs and outputs, and attempt logs.</summary>
public sealed partial class DataProxyServiceImpl
{
    private readonly RunBook? _runs;

    private RunBook Runs => _runs ?? throw new RpcException(new Status(StatusCode.Unimplemented, "this data proxy serves no runs"));

    private static (string Project, string Domain) ProjectOf(UploadInputsRequest request)
    {
        switch (request.IdCase)
        {
            case UploadInputsRequest.IdOneofCase.RunId:
                var run = Keys.Run(request.RunId);
                return (run.Project, run.Domain);
            case UploadInputsRequest.IdOneofCase.ProjectId:
                var (_, project, domain) = Keys.Project(request.ProjectId);
                return (project, domain);
            default:
                throw InvalidArgument("run_id or project_id is required");
        }
    }

    /// <summary>Stores a run's inputs ahead of CreateRun (which then passes offloaded_input_data), after checking them.</summary>
    public override async Task<UploadInputsResponse> UploadInputs(UploadInputsRequest request, ServerCallContext context)
    {
        var runs = Runs;
        var (project, domain) = ProjectOf(request);
        TaskSpec spec = request.TaskCase switch
        {
            UploadInputsRequest.TaskOneofCase.TaskSpec => request.TaskSpec,
            UploadInputsRequest.TaskOneofCase.TaskId => TaskSpec.Parser.ParseFrom((runs.Database.GetTask(Keys.Task(request.TaskId) with { Project = project, Domain = domain })
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"task {request.TaskId.Name} version {request.TaskId.Version} is not deployed"))).Spec),
            _ => throw InvalidArgument("task_id or task_spec is required"),
        };
        var inputs = request.Inputs ?? new Inputs();
        if (InputsCheck.Problem(spec, inputs) is { } problem)
        {
            throw InvalidArgument(problem);
        }
        string hash = InputsHash.Compute(inputs);
        string folder = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hash)));
        string uri = _storage.NativeUrlOf($"inputs/{project}/{domain}/{folder}/inputs.pb");
        await _storage.WriteAsync(uri, inputs, context.CancellationToken).ConfigureAwait(false);
        return new UploadInputsResponse { OffloadedInputData = new OffloadedInputData { Uri = uri, InputsHash = hash } };
    }

    public override async Task<GetActionDataResponse> GetActionData(GetActionDataRequest request, ServerCallContext context)
    {
        var action = RequireAction(Keys.Action(request.ActionId));
        var response = new GetActionDataResponse
        {
            Inputs = await _storage.ReadAsync(action.InputUri, Inputs.Parser, context.CancellationToken).ConfigureAwait(false),
        };
        if (ActionOutputs.File(action) is { } outputs)
        {
            response.Outputs = await _storage.ReadAsync(outputs, Outputs.Parser, context.CancellationToken).ConfigureAwait(false);
        }
        return response;
    }

    /// <summary>The attempt's log (the last attempt by default), and what it adds while the attempt runs.</summary>
    public override async Task TailLogs(TailLogsRequest request, IServerStreamWriter<TailLogsResponse> responseStream, ServerCallContext context)
    {
        var key = Keys.Action(request.ActionId);
        var action = RequireAction(key);
        if (action.Kind == ActionKind.Trace)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} is a trace of {action.TaskName}: it ran inside its parent {action.ParentName} and has no log of its own"));
        }
        var attempts = Runs.Database.ListAttempts(key);
        if (attempts.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} has not started an attempt yet"));
        }
        var attempt = request.Attempt == 0 ? attempts[^1] : attempts.FirstOrDefault(a => a.Attempt == request.Attempt - 1)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} has no attempt {request.Attempt}; it has {attempts.Count}"));

        long position = 0;
        while (true)
        {
            bool ended = Runs.Database.ListAttempts(key).FirstOrDefault(a => a.Attempt == attempt.Attempt)?.EndedAt is not null
                || RunBook.IsTerminal((Runs.Database.GetAction(key) ?? action).Phase);
            var lines = ReadNewLines(attempt.LogPath, ref position);
            if (lines.Count > 0)
            {
                var batch = new TailLogsResponse.Types.Logs();
                batch.Lines.Add(lines.Select(line => new LogLine { Message = line, Originator = LogLineOriginator.User, Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) }));
                var response = new TailLogsResponse();
                response.Logs.Add(batch);
                await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
            }
            if (ended)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), context.CancellationToken).ConfigureAwait(false);
        }
    }

    private static List<string> ReadNewLines(string path, ref long position)
    {
        var lines = new List<string>();
        if (!File.Exists(path))
        {
            return lines;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(position, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        string rest = reader.ReadToEnd();
        int end = rest.LastIndexOf('\n');
        if (end < 0)
        {
            return lines;
        }
        // Only whole lines: a line still being written is sent once it ends.
        string whole = rest[..(end + 1)];
        position += System.Text.Encoding.UTF8.GetByteCount(whole);
        lines.AddRange(whole.Split('\n', StringSplitOptions.None)[..^1].Select(line => line.TrimEnd('\r')));
        return lines;
    }

    private ActionRecord RequireAction(ActionKey key) =>
        Runs.Database.GetAction(key) ?? throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} does not exist"));
}
