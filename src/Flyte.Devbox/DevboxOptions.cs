using System.Net;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Storage;

namespace Flyte.Devbox;

/// <summary>How a devbox runs: where it keeps its state, where it listens, and how it starts a0.</summary>
public sealed record DevboxOptions
{
    /// <summary>The folder with the database, the object store, attempt folders and logs.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where run data (code bundles, inputs, outputs) goes instead of the data folder; null (the default) for the folder.</summary>
    public S3StorageOptions? S3 { get; init; }

    /// <summary>The port of every service; 0 picks a free one.</summary>
    public int Port { get; init; } = 8090;

    /// <summary>
    /// The address to listen on: loopback by default. Any other address (<see cref="IPAddress.Any"/> for all) shares the
    /// devbox beyond this machine, and is refused unless <see cref="Auth"/> is set.
    /// </summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Who may call the services: bearer tokens from an OpenID Connect issuer; null (the default) for anyone on loopback.</summary>
    public DevboxAuthOptions? Auth { get; init; }

    /// <summary>
    /// Given to every a0 the devbox starts as <c>EAGER_API_KEY</c>, as a Flyte 2 pod gets its eager API key secret, so a
    /// parent action's controller can authenticate its calls back to the devbox; null (the default) sets nothing.
    /// </summary>
    public string? EagerApiKey { get; init; }

    /// <summary>How to start a0, replacing the first arg of a task container: for example <c>["dotnet", "/path/a0.dll"]</c>.</summary>
    public IReadOnlyList<string> A0Command { get; init; } = ["a0"];

    /// <summary>At most this many attempts run at once; by default twice the processor count.</summary>
    public int? MaxConcurrentActions { get; init; }

    /// <summary>Starts attempts; by default a local process per attempt (<see cref="ProcessLauncher"/>).</summary>
    public IActionLauncher? Launcher { get; init; }

    /// <summary>
    /// Accept task specs whose image is still <c>{{.image}}</c>, which a cluster would fail to run; false (the default)
    /// refuses them with INVALID_ARGUMENT, as a deploy to a cluster should be caught early.
    /// </summary>
    public bool AcceptUnresolvedImages { get; init; }

    /// <summary>
    /// Whether attempts are told to use ActionsService (<c>_U_USE_ACTIONS=1</c>, as the open-source backend tells its
    /// pods; the default). False tells them nothing, so their controllers use QueueService and StateService, which the
    /// devbox serves too, as a hosted control plane may (docs/children.md).
    /// </summary>
    public bool PodsUseActionsService { get; init; } = true;

    /// <summary>
    /// The devbox's clock: when schedule triggers fire (docs/triggers.md), and when the signed URLs it hands out expire
    /// (signed and checked on this one clock); <see cref="TimeProvider.System"/> by default, a fake one in tests.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// At most this many runs, in all, for the trigger ticks missed while the devbox was down, fired at start oldest first
    /// (docs/triggers.md); 100 by default, as the open-source scheduler's MaxCatchupRunsPerLoop.
    /// </summary>
    public int MaxTriggerCatchUpRuns { get; init; } = 100;

    // The API key never shows in logs or assertion messages.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"DataDirectory = {DataDirectory}, S3 = {S3}, Port = {Port}, ListenAddress = {ListenAddress}, Auth = {Auth}, ")
            .Append($"EagerApiKey = {(EagerApiKey is null ? "none" : "***")}, A0Command = [{string.Join(" ", A0Command)}], ")
            .Append($"MaxConcurrentActions = {MaxConcurrentActions}, Launcher = {Launcher}, AcceptUnresolvedImages = {AcceptUnresolvedImages}, ")
            .Append($"PodsUseActionsService = {PodsUseActionsService}, TimeProvider = {TimeProvider}, MaxTriggerCatchUpRuns = {MaxTriggerCatchUpRuns}");
        return true;
    }
}
