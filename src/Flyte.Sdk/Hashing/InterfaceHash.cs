using Flyteidl2.Core;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>generate_interface_hash</c>: <see cref="FlyteHash"/> of the deterministic bytes of the interface with
/// its input and output variables sorted by name. "" for no interface.
/// </summary>
/// <remarks>
/// Hash the interface as the runtime sends it: flyte-sdk adds variable descriptions only at deploy time, and a
/// description changes the hash.
/// </remarks>
internal static class InterfaceHash
{
    public static string Compute(TypedInterface? iface)
    {
        if (iface is null)
        {
            return "";
        }
        var sorted = iface.Clone();
        Sort(sorted.Inputs);
        Sort(sorted.Outputs);
        return FlyteHash.Of(DeterministicBytes.Of(sorted));
    }

    private static void Sort(VariableMap? map)
    {
        if (map is null || map.Variables.Count == 0)
        {
            return;
        }
        var ordered = map.Variables.OrderBy(entry => entry.Key, CodePointOrder.Instance).ToList();
        map.Variables.Clear();
        map.Variables.AddRange(ordered);
    }
}
