using Flyte.Generation;
using System.Text;
using CsCheck;
using Flyte.Devbox.State;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;
using TaskSpec = Flyteidl2.Task.TaskSpec;

namespace Flyte.Devbox.Tests.Fuzzing;

/// <summary>
/// Generated requests for every RPC the devbox serves and for its signed-URL endpoints: typed requests whose names,
/// paths, filters and sizes come from <see cref="FuzzValues"/>, and bodies of random bytes for every method.
/// </summary>
internal static class ApiProbes
{
    private static readonly ServiceDescriptor[] Services =
    [
        TaskService.Descriptor, RunService.Descriptor, ActionsService.Descriptor, QueueService.Descriptor, StateService.Descriptor,
        DataProxyService.Descriptor, Flyteidl2.Project.ProjectService.Descriptor, Flyteidl2.Secret.SecretService.Descriptor,
    ];

    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Gen<RunIdentifier> RunId =
        Gen.Select(FuzzValues.Text, FuzzValues.Text, FuzzValues.Text, FuzzValues.Text, (org, project, domain, name) => new RunIdentifier
        {
            Org = org.Length % 3 == 0 ? org : "",
            Project = project.Length % 2 == 0 ? "flytesnacks" : project,
            Domain = domain.Length % 2 == 0 ? "development" : domain,
            Name = name,
        });

    private static readonly Gen<ActionIdentifier> ActionId = Gen.Select(RunId, FuzzValues.Text, (run, name) => new ActionIdentifier { Run = run, Name = name });

    private static readonly Gen<TaskIdentifier> TaskId =
        Gen.Select(FuzzValues.Text, FuzzValues.Text, FuzzValues.Text, (project, name, version) => new TaskIdentifier
        {
            Project = project.Length % 2 == 0 ? "flytesnacks" : project,
            Domain = "development",
            Name = name,
            Version = version,
        });

    private static readonly Gen<Filter> Filters = Gen.Select(
        Gen.OneOf("name", "task_name", "phase", "owner", ""),
        Gen.Enum<Filter.Types.Function>(),
        FuzzValues.Text.Array[0, 3],
        (field, function, values) => new Filter { Field = field, Function = function, Values = { values } });

    private static readonly Gen<Flyteidl2.Secret.SecretIdentifier> SecretId =
        Gen.Select(FuzzValues.Text, FuzzValues.Text, FuzzValues.Text, (project, domain, name) => new Flyteidl2.Secret.SecretIdentifier
        {
            Project = project.Length % 3 == 0 ? "flytesnacks" : project.Length % 3 == 1 ? "" : project,
            Domain = domain.Length % 2 == 0 ? "development" : domain,
            Name = name,
        });

    public static readonly Gen<Probe> Any = Gen.Frequency(
        (3, Gen.Select(RunId, Gen.Long, Gen.Bool, CreateRun)),
        (2, RunId.Select(id => Unary($"GetRunDetails {id}", t => t.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = id }).ResponseAsync))),
        (1, ActionId.Select(id => Unary($"GetActionDetails {id}", t => t.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = id }).ResponseAsync))),
        (1, ActionId.Select(id => Unary($"AbortAction {id}", t => t.Runs.AbortActionAsync(new AbortActionRequest { ActionId = id }).ResponseAsync))),
        (2, Gen.Select(Filters.Array[0, 3], FuzzValues.Text, Gen.UInt[0, 5000], ListRuns)),
        (1, RunId.Select(id => Unary($"ListActions {id}", t => t.Runs.ListActionsAsync(new ListActionsRequest { RunId = id }).ResponseAsync))),
        (1, RunId.Select(id => new Probe($"WatchRunDetails {id}", t => DrainAsync(t.Runs.WatchRunDetails(new WatchRunDetailsRequest { RunId = id }, FuzzTarget.Briefly))))),
        (2, Gen.Select(TaskId, Gen.Bool, DeployTask)),
        (1, TaskId.Select(id => Unary($"GetTaskDetails {id}", t => t.Tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = id }).ResponseAsync))),
        (2, Gen.Select(ActionId, FuzzValues.Text, FuzzValues.Text, Enqueue)),
        (1, Gen.Select(ActionId, FuzzValues.Text, Gen.Int[0, 5], Gen.Bool, EnqueueTrace)),
        (1, ActionId.Select(id => new Probe($"WatchForUpdates {id}", t => DrainAsync(t.Actions.WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = id }, FuzzTarget.Briefly))))),
        (1, ActionId.Select(id => new Probe($"StateService.Watch {id}", t => DrainAsync(t.State.Watch(new WatchRequest { ParentActionId = id }, FuzzTarget.Briefly))))),
        (1, ActionId.Select(id => Unary($"Abort {id}", t => t.Actions.AbortAsync(new AbortRequest { ActionId = id }).ResponseAsync))),
        (3, Gen.Select(FuzzValues.Text, FuzzValues.Text, FuzzValues.Path, FuzzValues.Path, FuzzValues.Bytes, CreateUploadLocation)),
        (2, Gen.Select(FuzzValues.Path, FuzzValues.Text, FuzzValues.Bytes, Gen.Bool, Storage)),
        (2, Gen.Select(FuzzValues.Path, FuzzValues.Bytes, Gen.Int[0, 4], TamperedUpload)),
        (1, ActionId.Select(id => Unary($"GetActionData {id}", t => t.DataProxy.GetActionDataAsync(new Flyteidl2.Dataproxy.GetActionDataRequest { ActionId = id }).ResponseAsync))),
        (2, Gen.Select(SecretId, FuzzValues.Bytes, Gen.Int[0, 3], CreateSecret)),
        (1, SecretId.Select(id => Unary($"GetSecret {id}", t => t.Secrets.GetSecretAsync(new Flyteidl2.Secret.GetSecretRequest { Id = id }).ResponseAsync))),
        (1, SecretId.Select(id => Unary($"DeleteSecret {id}", t => t.Secrets.DeleteSecretAsync(new Flyteidl2.Secret.DeleteSecretRequest { Id = id }).ResponseAsync))),
        (1, Gen.Select(SecretId, Gen.Int[-5, 2000], FuzzValues.Text, (id, limit, token) => Unary($"ListSecrets {id} limit={limit} token={token}", t =>
            t.Secrets.ListSecretsAsync(new Flyteidl2.Secret.ListSecretsRequest { Organization = id.Organization, Project = id.Project, Domain = id.Domain, Limit = limit, Token = token }).ResponseAsync))),
        (3, Gen.Select(Gen.Int[0, Services.Length - 1], Gen.Int[0, 100], FuzzValues.Bytes, RawBody)));

    /// <summary>A value as a string, as bytes, with a type that may not exist, or with no value at all.</summary>
    private static Probe CreateSecret(Flyteidl2.Secret.SecretIdentifier id, byte[] value, int form) => new($"CreateSecret {id} form={form} value={value.Length} bytes", t =>
    {
        var spec = new Flyteidl2.Secret.SecretSpec();
        switch (form)
        {
            case 0: spec.StringValue = System.Text.Encoding.UTF8.GetString(value); break;
            case 1: spec.BinaryValue = ByteString.CopyFrom(value); break;
            case 2: spec.BinaryValue = ByteString.CopyFrom(value); spec.Type = (Flyteidl2.Secret.SecretType)value.Length; break;
        }
        return t.Secrets.CreateSecretAsync(new Flyteidl2.Secret.CreateSecretRequest { Id = id, SecretSpec = spec }).ResponseAsync;
    });

    private static Probe Unary<T>(string description, Func<FuzzTarget, Task<T>> call) => new(description, t => call(t));

    private static Probe CreateRun(RunIdentifier id, long x, bool byValue) => new($"CreateRun {id} x={x} byValue={byValue}", async t =>
    {
        var request = new CreateRunRequest
        {
            RunId = id,
            TaskId = t.Deployed,
            Inputs = new Inputs { Literals = { new NamedLiteral { Name = byValue ? "x" : "y", Value = ScalarLiterals.FromInt64(x) } } },
        };
        await t.Runs.CreateRunAsync(request);
        t.CreatedRuns.Add(new RunKey(id.Org, id.Project, id.Domain, id.Name));
    });

    private static Probe ListRuns(Filter[] filters, string token, uint limit) => new($"ListRuns filters=[{string.Join("; ", filters.Select(f => f.ToString()))}] token={token}", t =>
        t.Runs.ListRunsAsync(new ListRunsRequest
        {
            ProjectId = new ProjectIdentifier { Name = "flytesnacks", Domain = "development" },
            Request = new ListRequest { Filters = { filters }, Token = token.StartsWith('n') ? token : "", Limit = limit },
        }).ResponseAsync);

    private static Probe DeployTask(TaskIdentifier id, bool withContainer) => new($"DeployTask {id} container={withContainer}", t =>
        t.Tasks.DeployTaskAsync(new DeployTaskRequest
        {
            TaskId = id,
            Spec = new TaskSpec
            {
                TaskTemplate = new TaskTemplate
                {
                    Id = new Identifier { ResourceType = ResourceType.Task, Project = id.Project, Domain = id.Domain, Name = id.Name, Version = id.Version },
                    Container = withContainer ? new Container { Image = id.Name, Args = { "a0" } } : null,
                },
            },
        }).ResponseAsync);

    private static Probe Enqueue(ActionIdentifier id, string parent, string image) => new($"Enqueue {id} parent={parent} image={image}", t =>
        t.Actions.EnqueueAsync(new EnqueueRequest
        {
            Action = new Flyteidl2.Actions.Action
            {
                ActionId = id,
                ParentActionName = parent,
                InputUri = "file:///nonexistent/inputs.pb",
                RunOutputBase = "file:///nonexistent",
                Task = new TaskAction { Spec = new TaskSpec { TaskTemplate = new TaskTemplate { Container = new Container { Image = image } } } },
            },
        }).ResponseAsync);

    /// <summary>
    /// A trace record (flyte-sdk <c>_action.py</c>, <c>Action.from_trace</c>) with one part bent: any phase, no start,
    /// times out of Timestamp's range, an end before the start, a name and parent from the fuzzer, or no URIs; through
    /// ActionsService or QueueService.
    /// </summary>
    private static Probe EnqueueTrace(ActionIdentifier id, string text, int form, bool viaQueue) => new($"Enqueue trace {id} text={text} form={form} queue={viaQueue}", t =>
    {
        var trace = new TraceAction
        {
            Name = form == 2 ? text : "traced_function",
            Phase = form == 0 ? (ActionPhase)(text.Length % 12) : ActionPhase.Succeeded,
            StartTime = form == 1 ? null : new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = form == 3 ? long.MaxValue - text.Length : 1_750_000_000 },
            EndTime = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = form == 4 ? 1 : 1_750_000_001, Nanos = form == 3 ? -1 : 0 },
            Outputs = new OutputReferences { OutputUri = form == 2 ? text : "" },
        };
        string parent = form == 2 ? text : "a0";
        string inputUri = form == 5 ? "" : "file:///nonexistent/inputs.pb";
        string outputBase = form == 5 ? "" : "file:///nonexistent";
        return viaQueue
            ? t.Queue.EnqueueActionAsync(new EnqueueActionRequest { ActionId = id, ParentActionName = parent, InputUri = inputUri, RunOutputBase = outputBase, Trace = trace }).ResponseAsync
            : t.Actions.EnqueueAsync(new EnqueueRequest
            {
                Action = new Flyteidl2.Actions.Action { ActionId = id, ParentActionName = parent, InputUri = inputUri, RunOutputBase = outputBase, Trace = trace },
            }).ResponseAsync;
    });

    private static Probe CreateUploadLocation(string project, string domain, string filename, string root, byte[] md5) =>
        new($"CreateUploadLocation {project}/{domain} root={root} filename={filename} md5={md5.Length} bytes", t =>
            t.DataProxy.CreateUploadLocationAsync(new CreateUploadLocationRequest
            {
                Project = project.Length % 2 == 0 ? "flytesnacks" : project,
                Domain = domain.Length % 2 == 0 ? "development" : domain,
                Filename = filename,
                FilenameRoot = root.Length % 2 == 0 ? "" : root,
                ContentMd5 = ByteString.CopyFrom(md5.Length % 3 == 0 ? System.Security.Cryptography.MD5.HashData(md5) : md5),
            }).ResponseAsync);

    /// <summary>A PUT or GET of any path under /storage, with any query: no signature the fuzzer makes up is valid.</summary>
    private static Probe Storage(string path, string query, byte[] body, bool put) => new($"{(put ? "PUT" : "GET")} /storage/{path}?{query}", async t =>
    {
        string url = t.Devbox.Endpoint.TrimEnd('/') + "/storage/" + Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal) + "?" + Uri.EscapeDataString(query).Replace("%3D", "=", StringComparison.Ordinal).Replace("%26", "&", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(put ? HttpMethod.Put : HttpMethod.Get, url);
        if (put)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentMD5 = System.Security.Cryptography.MD5.HashData(body);
        }
        await SendAsync(t, request, $"{request.Method} {url}");
    });

    /// <summary>A real upload URL with one part changed: the path, the expiry, the signed MD5, the signature, or the body.</summary>
    private static Probe TamperedUpload(string filename, byte[] body, int tamper) => new($"tampered upload #{tamper} of {filename}", async t =>
    {
        CreateUploadLocationResponse location;
        try
        {
            location = await t.DataProxy.CreateUploadLocationAsync(new CreateUploadLocationRequest
            {
                Project = "flytesnacks",
                Domain = "development",
                Filename = filename,
                ContentMd5 = ByteString.CopyFrom(System.Security.Cryptography.MD5.HashData(body)),
            });
        }
        catch (RpcException)
        {
            return; // an invalid filename: CreateUploadLocation's own answer is checked by its own probe
        }
        string url = tamper switch
        {
            0 => location.SignedUrl.Replace("/storage/", "/storage/x", StringComparison.Ordinal),
            1 => location.SignedUrl.Replace("expires=", "expires=1", StringComparison.Ordinal),
            2 => location.SignedUrl.Replace("md5=", "md5=A", StringComparison.Ordinal),
            3 => location.SignedUrl.Replace("sig=", "sig=0", StringComparison.Ordinal),
            _ => location.SignedUrl,
        };
        byte[] sent = tamper == 4 ? [.. body, 0] : body;
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentMD5 = Convert.FromBase64String(location.Headers["Content-MD5"]);
        await SendAsync(t, request, $"PUT {url}");
    });

    /// <summary>Random bytes as the request of any method of any served service.</summary>
    private static Probe RawBody(int service, int method, byte[] body)
    {
        var descriptor = Services[service];
        var rpc = descriptor.Methods[method % descriptor.Methods.Count];
        var type = rpc.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var raw = new Method<byte[], byte[]>(type, descriptor.FullName, rpc.Name, RawBytes, RawBytes);
        return new Probe($"{descriptor.Name}.{rpc.Name} with {Convert.ToHexString(body)}", async t =>
        {
            if (type == MethodType.Unary)
            {
                await t.Invoker.AsyncUnaryCall(raw, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), body);
            }
            else
            {
                await DrainAsync(t.Invoker.AsyncServerStreamingCall(raw, null, FuzzTarget.Briefly, body));
            }
        });
    }

    private static async Task DrainAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }
    }

    private static async Task SendAsync(FuzzTarget t, HttpRequestMessage request, string description)
    {
        using var response = await t.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        DocumentedAnswers.Check(response, text, new Probe(description, _ => Task.CompletedTask));
    }
}
