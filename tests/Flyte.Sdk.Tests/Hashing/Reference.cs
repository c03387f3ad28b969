namespace Flyte.Sdk.Tests.Hashing;

/// <summary>
/// Known answers computed at authoring time with python3, outside this code base: hashlib, base64 and the msgpack
/// package (Debian python3-msgpack 1.0.3) running flyte-sdk's algorithms (flyte-sdk src/flyte/_internal/runtime/convert.py,
/// models.py, _utils/helpers.py) over protobuf bytes encoded by hand field by field, with string map entries in upb's
/// deterministic order (bytes ascending, a longer key before its prefix) and both key and value always written.
/// No Python protobuf was available, so that map order comes from reading upb's source, not from running it.
/// </summary>
internal static class Reference
{
    // inputs (x: int 42, y: str "hi")
    public const string InputsXY = "51v8Jp8H0x+ZeSM//vWA0vo7u5jCdX7/RMPjj78y3OY=";

    // the interface of InterfaceHashTests.Sample
    public const string SampleInterface = "eKC2mG7WPoJnIPy/vcW7qavhwxVChCT7VGRDPP3pNBw=";

    // TaskIdentity of name "env.task", SampleInterface, discovery_version "v1"
    public const string SampleTaskIdentity = "VcbUTNgSaENdx/wICzx41htF6jL0lgZQT1jdZ75a9vI=";
}
