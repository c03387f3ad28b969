using System.Globalization;
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
    // As FlyteHash keeps its SHA-256: every child is named, and a kept hash is cheaper to reset than to set up.
    [ThreadStatic]
    private static IncrementalHash? t_md5;

    /// <param name="parentActionName">The name of the action making the call.</param>
    /// <param name="inputsHash">The call's inputs hash, filtered of cache-ignored inputs if the task has any.</param>
    /// <param name="taskIdentity"><see cref="TaskIdentity.Compute(string, string, string)"/> of the called task.</param>
    /// <param name="sequence">1 for the first call with this identity, inputs and group within the parent, 2 for the next
    /// (see <see cref="CallSequencer"/>).</param>
    /// <param name="group">The group the call is made in; null or "" for none (Python tests it for truth).</param>
    public static string Compute(string parentActionName, string inputsHash, string taskIdentity, int sequence, string? group = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        bool grouped = !string.IsNullOrEmpty(group);
        // Every child is named, so the text is written as UTF-8 straight into one buffer, on the stack when it fits.
        int length = Encoding.UTF8.GetByteCount(parentActionName) + Encoding.UTF8.GetByteCount(inputsHash)
            + Encoding.UTF8.GetByteCount(taskIdentity) + 3 + 10 + (grouped ? 1 + Encoding.UTF8.GetByteCount(group!) : 0);
        Span<byte> text = length <= 512 ? stackalloc byte[512] : new byte[length];
        int position = Encoding.UTF8.GetBytes(parentActionName, text);
        text[position++] = (byte)'-';
        position += Encoding.UTF8.GetBytes(inputsHash, text[position..]);
        text[position++] = (byte)'-';
        position += Encoding.UTF8.GetBytes(taskIdentity, text[position..]);
        text[position++] = (byte)'-';
        sequence.TryFormat(text[position..], out int digits, provider: CultureInfo.InvariantCulture);
        position += digits;
        if (grouped)
        {
            text[position++] = (byte)'-';
            position += Encoding.UTF8.GetBytes(group, text[position..]);
        }
        var md5 = t_md5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(text[..position]);
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        md5.GetHashAndReset(digest);
        return Base36.Encode(digest);
    }
}
