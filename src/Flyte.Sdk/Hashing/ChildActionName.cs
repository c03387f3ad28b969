using System.Security.Cryptography;
using System.Text;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's child action name (<c>ActionID.new_sub_action_from</c>): base36 of the MD5 of
/// <c>parent-inputsHash-taskIdentity-sequence[-group]</c>. Deterministic, so a retried parent finds the children it
/// already ran.
/// </summary>
internal static class ChildActionName
{
    /// <param name="parentActionName">The name of the action making the call.</param>
    /// <param name="inputsHash">The call's inputs hash, filtered of cache-ignored inputs if the task has any.</param>
    /// <param name="taskIdentity"><see cref="TaskIdentity.Compute(string, string, string)"/> of the called task.</param>
    /// <param name="sequence">1 for the first call with this identity, inputs and group within the parent, 2 for the next
    /// (see <see cref="CallSequencer"/>).</param>
    /// <param name="group">The group the call is made in; null or "" for none (Python tests it for truth).</param>
    public static string Compute(string parentActionName, string inputsHash, string taskIdentity, int sequence, string? group = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var components = $"{parentActionName}-{inputsHash}-{taskIdentity}-{sequence}";
        if (!string.IsNullOrEmpty(group))
        {
            components += $"-{group}";
        }
        return Base36.Encode(MD5.HashData(Encoding.UTF8.GetBytes(components)));
    }
}
