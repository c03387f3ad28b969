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

    /// <summary>The loopback port of every service; 0 picks a free one.</summary>
    public int Port { get; init; } = 8090;

    /// <summary>How to start a0, replacing the first arg of a task container: for example <c>["dotnet", "/path/a0.dll"]</c>.</summary>
    public IReadOnlyList<string> A0Command { get; init; } = ["a0"];

    /// <summary>At most this many attempts run at once; by default twice the processor count.</summary>
    public int? MaxConcurrentActions { get; init; }

    /// <summary>Starts attempts; by default a local process per attempt (<see cref="ProcessLauncher"/>).</summary>
    public IActionLauncher? Launcher { get; init; }
}
