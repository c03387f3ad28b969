using CsCheck;

namespace Flyte.Devbox.Tests.Fuzzing;

/// <summary>
/// The values the fuzzer puts into requests: mostly names a careless or hostile client would send (a trailing newline,
/// climbing folders, huge, control characters, near-duplicates of valid names), some valid, some random text.
/// </summary>
internal static class FuzzValues
{
    /// <summary>Valid names that the devbox has things under, so that requests reach past the identifier checks.</summary>
    public static readonly string[] Valid = ["flytesnacks", "development", "nl-x", "r1", "a0", "quickstart.Square"];

    private static readonly string[] Hostile =
    [
        "", " ", "nl-x\n", "nl-x\r\n", "NL-X", "nl-x ", " nl-x", "nl-x\0", ".", "..", "../..", "../../outside", "a/b", "a\\b", "/abs",
        "%2e%2e", "nl-x/../r1", "é", "a\u202eb", "a:b", "@org", "x*", "?", "#", new string('a', 63), new string('a', 64),
        new string('a', 200), new string('é', 101), new string('z', 255), new string('y', 256), new string('x', 5000),
    ];

    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(Valid)),
        (4, Gen.OneOf(Hostile)),
        // Any character a client can send: a lone surrogate has no UTF-8 form, so no protobuf string or URL carries one.
        (2, Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 40]),
        (1, Gen.String[Gen.Char["abc./\\-_\n"], 0, 12]));

    /// <summary>A relative path for uploads: segments of <see cref="Text"/> joined by '/'.</summary>
    public static readonly Gen<string> Path = Text.Array[1, 4].Select(segments => string.Join('/', segments));

    public static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 64];
}
