using System.Collections.Concurrent;

namespace Flyte.Hashing;

/// <summary>
/// Numbers identical calls made by one parent action: 1, 2, 3… per call key (flyte-sdk's <c>TaskCallSequencer</c>).
/// Use one instance per parent action. Thread-safe.
/// </summary>
/// <remarks>
/// The key holds everything that goes into the child's name, so calls that would get different names never share a
/// counter and the numbering does not depend on the order in which concurrent calls happen to run.
/// </remarks>
internal sealed class CallSequencer
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary><c>taskIdentity:inputsHash</c>, plus <c>:group</c> when the call is made in a (non-empty) group.</summary>
    public static string CallKey(string taskIdentity, string inputsHash, string? group = null) =>
        string.IsNullOrEmpty(group) ? $"{taskIdentity}:{inputsHash}" : $"{taskIdentity}:{inputsHash}:{group}";

    public int Next(string callKey)
    {
        ArgumentNullException.ThrowIfNull(callKey);
        return _counts.AddOrUpdate(callKey, 1, static (_, count) => count + 1);
    }
}
