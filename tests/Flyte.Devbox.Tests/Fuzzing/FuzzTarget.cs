using System.Collections.Concurrent;
using Flyte.Devbox.State;
using Flyteidl2.Actions;
using Flyteidl2.Dataproxy;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;

namespace Flyte.Devbox.Tests.Fuzzing;

/// <summary>The devbox under fuzzing, its clients, and what the fuzzer learned from it along the way.</summary>
internal sealed class FuzzTarget(DevboxServer devbox, TaskIdentifier deployed) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(devbox.Endpoint);

    public DevboxServer Devbox { get; } = devbox;

    /// <summary>A task deployed before fuzzing, so that runs can start.</summary>
    public TaskIdentifier Deployed { get; } = deployed;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public CallInvoker Invoker => _channel.CreateCallInvoker();

    public TaskService.TaskServiceClient Tasks => new(_channel);

    public RunService.RunServiceClient Runs => new(_channel);

    public ActionsService.ActionsServiceClient Actions => new(_channel);

    public QueueService.QueueServiceClient Queue => new(_channel);

    public StateService.StateServiceClient State => new(_channel);

    public DataProxyService.DataProxyServiceClient DataProxy => new(_channel);

    public Flyteidl2.Secret.SecretService.SecretServiceClient Secrets => new(_channel);

    /// <summary>Every run CreateRun accepted, as the devbox keys it.</summary>
    public ConcurrentBag<RunKey> CreatedRuns { get; } = [];

    /// <summary>A deadline for streaming calls: the fuzzer reads what comes within it, then leaves.</summary>
    public static CallOptions Briefly => new(deadline: DateTime.UtcNow.AddMilliseconds(300));

    public void Dispose()
    {
        Http.Dispose();
        _channel.Dispose();
    }
}
