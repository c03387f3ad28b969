namespace Flyte.Hashing;

/// <summary>
/// The order in which Python protobuf (upb) writes string map keys under <c>SerializeToString(deterministic=True)</c>.
/// upb sorts keys by negated memcmp with a shorter-first tie-break, then emits the sorted list backwards
/// (its encoder fills the buffer from the end). So bytes compare ascending, but when one key is a prefix of
/// another the LONGER key comes first: "ab" before "a", and "a" before "b".
/// Source: protobuf upb/message/map_sorter.c (_upb_mapsorter_cmpstr) and upb/wire/internal/encoder.c (encode_map).
/// </summary>
internal sealed class UpbMapKeyOrder : IComparer<byte[]>
{
    public static readonly UpbMapKeyOrder Instance = new();

    public int Compare(byte[]? x, byte[]? y)
    {
        x ??= [];
        y ??= [];
        var common = Math.Min(x.Length, y.Length);
        var bytes = x.AsSpan(0, common).SequenceCompareTo(y.AsSpan(0, common));
        return bytes != 0 ? bytes : y.Length.CompareTo(x.Length);
    }
}
