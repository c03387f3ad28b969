using System.Collections.Concurrent;
using System.Globalization;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Action = Flyteidl2.Actions.Action;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// What Flyte's executor does with an action, for the tests: render the task container's args (docs/protocol.md,
/// Placeholders), set the executor's environment, start a0 (the built a0.dll, as a process) in a fresh working folder,
/// read outputs.pb or error.pb under the attempt's output prefix, and retry RECOVERABLE failures as the task's retry
/// policy allows.
/// </summary>
internal sealed class A0Executor(A0Executor.Storage storage, string? endpoint)
{
    /// <summary>Where a0 finds the object store: the S3 options of the test server, or none for local folders.</summary>
    public sealed record Storage(string Root, S3StoreOptions? S3)
    {
        public IObjectStore Open(string uri) => ObjectStores.For(uri, S3);
    }

    private readonly SemaphoreSlim _slots = new(3);

    /// <summary>Overrides the task's retry policy when set (0: a failed attempt is final).</summary>
    public int? Retries { get; init; }

    /// <summary>Every a0 process started: action name and attempt.</summary>
    public ConcurrentQueue<(string Action, int Attempt)> Attempts { get; } = new();

    /// <summary>The rendered args of every a0 process started, without the leading "a0".</summary>
    public ConcurrentQueue<IReadOnlyList<string>> CommandLines { get; } = new();

    public async Task<ActionUpdate> RunAsync(Action action, CancellationToken cancellationToken)
    {
        var template = action.Task.Spec.TaskTemplate;
        int attempts = (Retries ?? (int)(template.Metadata?.Retries?.Retries ?? 0)) + 1;
        string actionPrefix = ProtoObjects.Join(action.RunOutputBase, action.ActionId.Name);
        string previousPrefix = "";
        for (int attempt = 0; ; attempt++)
        {
            string outputPrefix = ProtoObjects.Join(actionPrefix, attempt.ToString(CultureInfo.InvariantCulture));
            var args = ContainerPlaceholders.Render(template.Container.Args, new Dictionary<string, string>
            {
                [ContainerPlaceholders.Input] = action.InputUri,
                [ContainerPlaceholders.InputPrefix] = actionPrefix,
                [ContainerPlaceholders.OutputPrefix] = outputPrefix,
                [ContainerPlaceholders.RawOutputDataPrefix] = ProtoObjects.Join(outputPrefix, "raw"),
                [ContainerPlaceholders.CheckpointOutputPrefix] = ProtoObjects.Join(outputPrefix, "_flytecheckpoints"),
                [ContainerPlaceholders.PrevCheckpointPrefix] = previousPrefix.Length == 0 ? "" : ProtoObjects.Join(previousPrefix, "_flytecheckpoints"),
                [ContainerPlaceholders.RunStartTime] = "2026-11-27T23:00:00Z",
            });
            Assert.Equal("a0", args[0]);
            CommandLines.Enqueue(args.Skip(1).ToArray());
            Attempts.Enqueue((action.ActionId.Name, attempt));

            var result = await StartA0Async(action, attempt, args.Skip(1), cancellationToken);
            using var store = storage.Open(outputPrefix);
            if (await store.ExistsAsync(ProtoObjects.Join(outputPrefix, "outputs.pb"), cancellationToken))
            {
                return new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Succeeded, OutputUri = outputPrefix };
            }
            string errorUri = ProtoObjects.Join(outputPrefix, "error.pb");
            if (!await store.ExistsAsync(errorUri, cancellationToken))
            {
                return Failed(action, outputPrefix, "NoResult", $"a0 exited {result.ExitCode} without outputs.pb or error.pb:\n{result.Output}", ExecutionError.Types.ErrorKind.System);
            }
            var error = (await ProtoObjects.ReadAsync(errorUri, ErrorDocument.Parser, cancellationToken, storage.S3)).Error;
            if (error.Kind == ContainerError.Types.Kind.Recoverable && attempt + 1 < attempts)
            {
                previousPrefix = outputPrefix;
                continue;
            }
            return Failed(action, outputPrefix, error.Code, error.Message, error.Origin);
        }
    }

    private async Task<ChildProcess.Result> StartA0Async(Action action, int attempt, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var run = action.ActionId.Run;
        // A pod sees only what the executor gives it: Flyte and cloud settings of the machine running the tests are removed.
        var environment = InheritedSettings().ToDictionary(name => name, string? (_) => null, StringComparer.Ordinal);
        foreach (var (name, value) in new Dictionary<string, string?>
        {
            ["RUN_NAME"] = run.Name,
            ["ACTION_NAME"] = action.ActionId.Name,
            ["_U_RUN_BASE"] = action.RunOutputBase,
            ["_U_ORG_NAME"] = run.Org,
            ["FLYTE_INTERNAL_EXECUTION_PROJECT"] = run.Project,
            ["FLYTE_INTERNAL_EXECUTION_DOMAIN"] = run.Domain,
            ["FLYTE_ATTEMPT_NUMBER"] = attempt.ToString(CultureInfo.InvariantCulture),
            ["_U_EP_OVERRIDE"] = endpoint,
            ["_U_INSECURE"] = "true",
            ["_U_USE_ACTIONS"] = "1",
            ["AWS_ENDPOINT_URL_S3"] = storage.S3?.Endpoint,
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_REGION"] = storage.S3?.Region,
            ["AWS_ACCESS_KEY_ID"] = storage.S3?.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = storage.S3?.SecretAccessKey,
            // Never look for credentials on the network (the EC2 metadata address is not loopback).
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        })
        {
            environment[name] = value;
        }
        // Each attempt gets a fresh working folder, as a fresh container would: "--dest ." unpacks the bundle there.
        string workingDirectory = Path.Combine(storage.Root, "pods", $"{action.ActionId.Name}-{attempt}");
        Directory.CreateDirectory(workingDirectory);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => ChildProcess.Run("dotnet", [SampleOutputs.A0, .. args],
                // A bound for a hung a0, not a performance target: a machine shared with other suites starts .NET slowly.
                environment, TimeSpan.FromMinutes(10), workingDirectory), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The names of the inherited variables that configure Flyte, a0 or a cloud SDK.</summary>
    private static IEnumerable<string> InheritedSettings() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(name =>
            new[] { "FLYTE_", "_U_", "AWS_", "AZURE_", "GOOGLE_" }.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));

    private static ActionUpdate Failed(Action action, string outputPrefix, string code, string message, ExecutionError.Types.ErrorKind origin) => new()
    {
        ActionId = action.ActionId,
        Phase = ActionPhase.Failed,
        OutputUri = outputPrefix,
        Error = new ExecutionError { Code = code, Message = message, Kind = origin },
    };
}
