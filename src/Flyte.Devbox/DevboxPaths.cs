using System.Globalization;
using Flyte.Devbox.State;

namespace Flyte.Devbox;

/// <summary>Where the devbox keeps everything, under one data folder: state, objects (unless in S3), attempt folders and logs.</summary>
public sealed class DevboxPaths(string dataDirectory)
{
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public string Database => Path.Combine(DataDirectory, "state.db");

    /// <summary>The object store's root: code bundles, inputs and outputs of every run, unless they are kept in S3.</summary>
    public string StoreRoot => Path.Combine(DataDirectory, "store");

    public string SigningKey => Path.Combine(DataDirectory, "signing.key");

    /// <summary>The key secrets are encrypted with in the database (docs/secrets.md).</summary>
    public string SecretsKey => Path.Combine(DataDirectory, "secrets.key");

    /// <summary>Code bundles unpacked by MD5, which a0 copies from instead of unpacking every attempt (docs/bundles.md).</summary>
    public string BundleCache => Path.Combine(DataDirectory, "unpacked-bundles");

    /// <summary>The folder under which every attempt's working directory is.</summary>
    public string WorkRoot => Path.Combine(DataDirectory, "work");

    public string AttemptWorkingDirectory(ActionKey action, int attempt) =>
        Path.Combine(WorkRoot, action.Run.Project, action.Run.Domain, action.Run.Name, action.Name, attempt.ToString(CultureInfo.InvariantCulture));

    /// <summary>A reusable environment's worker's folder, where it unpacks its code: under the work root, so that a devbox
    /// restarted after a crash stops a worker it left as it stops an attempt.</summary>
    public string WorkerDirectory(string workerId) => Path.Combine(WorkRoot, "workers", workerId);

    /// <summary>A worker's own output; each attempt it runs logs to the attempt's log.</summary>
    public string WorkerLog(string workerId) => Path.Combine(DataDirectory, "logs", "workers", workerId + ".log");

    public string AttemptLog(ActionKey action, int attempt) =>
        Path.Combine(DataDirectory, "logs", action.Run.Project, action.Run.Domain, action.Run.Name, action.Name, attempt.ToString(CultureInfo.InvariantCulture) + ".log");
}
