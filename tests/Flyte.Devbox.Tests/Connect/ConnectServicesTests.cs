using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Dataproxy;
using Flyteidl2.Project;
using Flyteidl2.Secret;
using Flyteidl2.Task;
using Flyteidl2.Trigger;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Flyte.Devbox.Tests.EndToEnd;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>
/// Every service of the devbox called by Buf's Connect client, in both codecs (binary protobuf and JSON), over HTTP/1.1
/// and cleartext HTTP/2: the calls reach the same services, and the same state, as gRPC calls.
/// </summary>
public sealed class ConnectServicesTests(ConnectDevboxFixture devbox) : IClassFixture<ConnectDevboxFixture>
{
    /// <summary>Each codec, one over HTTP/1.1 and the other over HTTP/2.</summary>
    public static TheoryData<string, bool> Codecs => new() { { "binary", false }, { "json", true } };

    /// <summary>Each codec over each HTTP version.</summary>
    public static TheoryData<string, bool> CodecsAndVersions => new() { { "binary", false }, { "json", false }, { "binary", true }, { "json", true } };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task TaskService_gets_deploys_and_lists_tasks(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };
        var details = (await CallAsync(TaskService.Descriptor, "GetTaskDetails", codec, new GetTaskDetailsRequest { TaskId = devbox.Square }, options))
            .Single<GetTaskDetailsResponse>().Details;
        var copy = devbox.Square.Clone();
        copy.Name = $"quickstart.Connect{codec}{(http2 ? 2 : 1)}";
        var spec = details.Spec.Clone();
        spec.TaskTemplate.Id.Name = copy.Name;

        (await CallAsync(TaskService.Descriptor, "DeployTask", codec, new DeployTaskRequest { TaskId = copy, Spec = spec }, options)).Single<DeployTaskResponse>();
        var listed = (await CallAsync(TaskService.Descriptor, "ListTasks", codec, new ListTasksRequest { ProjectId = ConnectDevboxFixture.Project }, options))
            .Single<ListTasksResponse>();
        var versions = (await CallAsync(TaskService.Descriptor, "ListVersions", codec, new ListVersionsRequest
        {
            TaskName = new TaskName { Project = copy.Project, Domain = copy.Domain, Name = copy.Name },
        }, options)).Single<ListVersionsResponse>();

        Assert.Equal("quickstart.Square", details.TaskId.Name);
        Assert.Contains(copy.Name, listed.Tasks.Select(task => task.TaskId.Name));
        Assert.Equal(copy.Version, Assert.Single(versions.Versions).Version);
        // What Connect deployed, gRPC reads.
        var overGrpc = await devbox.Harness.Tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = copy });
        Assert.Equal(spec, overGrpc.Details.Spec);
    }

    [Theory]
    [MemberData(nameof(CodecsAndVersions))]
    public async Task RunService_starts_a_run_and_streams_it_to_its_end(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };
        var create = devbox.SquareRun(6);

        var created = (await CallAsync(RunService.Descriptor, "CreateRun", codec, create, options)).Single<CreateRunResponse>();
        var watched = await CallAsync(RunService.Descriptor, "WatchRunDetails", codec, new WatchRunDetailsRequest { RunId = create.RunId }, options);

        Assert.Equal(create.RunId, created.Run.Action.Id.Run);
        Assert.Null(watched.ErrorCode);
        var phases = watched.All<WatchRunDetailsResponse>().Select(message => message.Details.Action.Status.Phase).ToList();
        Assert.Equal(ActionPhase.Succeeded, phases[^1]);
        Assert.Equal(36, (await devbox.Harness.OutputsAsync(create.RunId)).Literals["o0"].Scalar.Primitive.Integer);

        var details = (await CallAsync(RunService.Descriptor, "GetRunDetails", codec, new GetRunDetailsRequest { RunId = create.RunId }, options))
            .Single<GetRunDetailsResponse>();
        var runs = (await CallAsync(RunService.Descriptor, "ListRuns", codec, new ListRunsRequest
        {
            ProjectId = ConnectDevboxFixture.Project,
            Request = new ListRequest { Limit = 100 },
        }, options)).Single<ListRunsResponse>();
        var actions = (await CallAsync(RunService.Descriptor, "ListActions", codec, new ListActionsRequest { RunId = create.RunId }, options))
            .Single<ListActionsResponse>();
        var watchedActions = await CallAsync(RunService.Descriptor, "WatchActions", codec, new WatchActionsRequest { RunId = create.RunId }, options);
        var root = new ActionIdentifier { Run = create.RunId, Name = "a0" };
        var action = (await CallAsync(RunService.Descriptor, "GetActionDetails", codec, new GetActionDetailsRequest { ActionId = root }, options))
            .Single<GetActionDetailsResponse>();
        var uris = (await CallAsync(RunService.Descriptor, "GetActionDataURIs", codec, new GetActionDataURIsRequest { ActionId = root }, options))
            .Single<GetActionDataURIsResponse>();

        Assert.Equal(ActionPhase.Succeeded, details.Details.Action.Status.Phase);
        Assert.Contains(create.RunId.Name, runs.Runs.Select(run => run.Action.Id.Run.Name));
        Assert.Equal("a0", Assert.Single(actions.Actions).Id.Name);
        Assert.Null(watchedActions.ErrorCode);
        Assert.Equal("a0", Assert.Single(watchedActions.All<WatchActionsResponse>().SelectMany(message => message.EnrichedActions)).Action.Id.Name);
        Assert.Equal(ActionPhase.Succeeded, action.Details.Status.Phase);
        Assert.NotEmpty(uris.OutputsUri);
        // The same run over gRPC.
        var overGrpc = await devbox.Harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = create.RunId });
        Assert.Equal(details.Details, overGrpc.Details);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task DataProxyService_signs_urls_and_tails_the_logs_of_an_ended_action(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };
        var run = await devbox.EndedRunAsync();

        var upload = (await CallAsync(DataProxyService.Descriptor, "CreateUploadLocation", codec, new CreateUploadLocationRequest
        {
            Project = DevboxHarness.Project,
            Domain = DevboxHarness.Domain,
            Filename = "inputs.pb",
            ContentMd5 = ByteString.CopyFrom(System.Security.Cryptography.MD5.HashData("hello"u8)),
        }, options)).Single<CreateUploadLocationResponse>();
        var download = (await CallAsync(DataProxyService.Descriptor, "CreateDownloadLink", codec, new CreateDownloadLinkRequest
        {
            ArtifactType = ArtifactType.CodeBundle,
            TaskId = devbox.Square,
        }, options)).Single<CreateDownloadLinkResponse>();
        var logs = await CallAsync(DataProxyService.Descriptor, "TailLogs", codec, new Flyteidl2.Dataproxy.TailLogsRequest
        {
            ActionId = new ActionIdentifier { Run = run, Name = "a0" },
        }, options);

        Assert.StartsWith(devbox.Endpoint, upload.SignedUrl);
        Assert.StartsWith(devbox.Endpoint, Assert.Single(download.PreSignedUrls.SignedUrl));
        Assert.True(logs.ErrorCode is null, logs.Printed);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task ProjectService_lists_and_gets_the_project(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };

        var listed = (await CallAsync(ProjectService.Descriptor, "ListProjects", codec, new ListProjectsRequest(), options)).Single<ListProjectsResponse>();
        var got = (await CallAsync(ProjectService.Descriptor, "GetProject", codec, new GetProjectRequest { Id = DevboxHarness.Project }, options))
            .Single<GetProjectResponse>();

        Assert.Equal(DevboxHarness.Project, Assert.Single(listed.Projects.Projects_).Id);
        Assert.Equal(DevboxHarness.Project, got.Project.Id);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task SecretService_creates_reads_lists_updates_and_deletes_a_secret(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };
        var id = new SecretIdentifier { Name = $"connect-{codec}-{(http2 ? 2 : 1)}", Project = DevboxHarness.Project, Domain = DevboxHarness.Domain };

        (await CallAsync(SecretService.Descriptor, "CreateSecret", codec,
            new CreateSecretRequest { Id = id, SecretSpec = new SecretSpec { StringValue = "s3cr3t", Type = SecretType.Generic } }, options)).Single<CreateSecretResponse>();
        var got = (await CallAsync(SecretService.Descriptor, "GetSecret", codec, new GetSecretRequest { Id = id }, options)).Single<GetSecretResponse>();
        var listed = (await CallAsync(SecretService.Descriptor, "ListSecrets", codec, new ListSecretsRequest { Project = id.Project, Domain = id.Domain, Limit = 100 }, options)).Single<ListSecretsResponse>();
        (await CallAsync(SecretService.Descriptor, "UpdateSecret", codec,
            new UpdateSecretRequest { Id = id, SecretSpec = new SecretSpec { StringValue = "n3w", Type = SecretType.Generic } }, options)).Single<UpdateSecretResponse>();
        (await CallAsync(SecretService.Descriptor, "DeleteSecret", codec, new DeleteSecretRequest { Id = id }, options)).Single<DeleteSecretResponse>();
        var gone = await CallAsync(SecretService.Descriptor, "GetSecret", codec, new GetSecretRequest { Id = id }, options);

        Assert.Equal(id.Name, got.Secret.Id.Name);
        Assert.Contains(id.Name, listed.Secrets.Select(secret => secret.Id.Name));
        gone.AssertError("not_found");
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task TriggerService_lists_triggers(string codec, bool http2)
    {
        var listed = await CallAsync(TriggerService.Descriptor, "ListTriggers", codec, new ListTriggersRequest { ProjectId = ConnectDevboxFixture.Project },
            new ConnectCallOptions { Http2 = http2 });

        Assert.Empty(listed.Single<ListTriggersResponse>().Triggers);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task ActionsService_and_QueueService_abort_an_ended_action_and_watch_its_children(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };
        var root = new ActionIdentifier { Run = await devbox.EndedRunAsync(), Name = "a0" };

        (await CallAsync(ActionsService.Descriptor, "Abort", codec, new AbortRequest { ActionId = root }, options)).Single<AbortResponse>();
        (await CallAsync(QueueService.Descriptor, "AbortQueuedAction", codec, new AbortQueuedActionRequest { ActionId = root }, options))
            .Single<AbortQueuedActionResponse>();
        // A watch of children stays open until cancelled: here until the deadline the client sets.
        var watched = await CallAsync(ActionsService.Descriptor, "WatchForUpdates", codec, new WatchForUpdatesRequest { ParentActionId = root },
            options with { TimeoutMs = 1500 });

        watched.AssertError("deadline_exceeded");
        Assert.True(Assert.Single(watched.All<WatchForUpdatesResponse>()).ControlMessage.Sentinel, watched.Printed);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task StateService_watches_children_and_leaves_put_and_get_unimplemented(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2 };
        var parent = new ActionIdentifier { Run = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "no-such-run" }, Name = "a0" };

        var get = await CallAsync(StateService.Descriptor, "Get", codec, new GetRequest { ActionId = parent }, options);
        var watched = await CallAsync(StateService.Descriptor, "Watch", codec, new WatchRequest { ParentActionId = parent }, options with { TimeoutMs = 1500 });

        get.AssertError("unimplemented");
        watched.AssertError("deadline_exceeded");
        Assert.True(Assert.Single(watched.All<WatchResponse>()).ControlMessage.Sentinel, watched.Printed);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Gzip_requests_are_read_unary_and_streaming(string codec, bool http2)
    {
        var options = new ConnectCallOptions { Http2 = http2, Gzip = true };
        var run = devbox.SquareRun(2);

        (await CallAsync(RunService.Descriptor, "CreateRun", codec, run, options)).Single<CreateRunResponse>();
        var watched = await CallAsync(RunService.Descriptor, "WatchRunDetails", codec, new WatchRunDetailsRequest { RunId = run.RunId }, options);

        Assert.True(watched.ErrorCode is null, watched.Printed);
        Assert.Equal(ActionPhase.Succeeded, watched.All<WatchRunDetailsResponse>()[^1].Details.Action.Status.Phase);
    }

    private Task<ConnectOutcome> CallAsync(ServiceDescriptor service, string method, string codec, IMessage request, ConnectCallOptions options) =>
        BufConnectClient.CallAsync(devbox.Endpoint, service.FindMethodByName(method), codec, request, options);
}
