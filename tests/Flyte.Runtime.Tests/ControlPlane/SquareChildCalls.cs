namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// The action names and cache keys flyte-sdk gives the first call of Quickstart's <c>quickstart.Square</c> with
/// x = 0, 1, 2, 3 made by the action a0: known answers, so that the tests compare a0's with flyte-sdk's rather than
/// with our own helpers (why the names must be deterministic: docs/children.md).
/// </summary>
/// <remarks>
/// Computed once with a python3 script (hashlib, base64) that re-implements flyte-sdk's algorithm over protobuf bytes
/// encoded by hand, field by field:
/// name = base36(md5("a0-" + inputsHash + "-" + taskIdentity + "-1")) (models.py <c>ActionID.new_sub_action_from</c>,
/// _utils/helpers.py <c>base36_encode</c>); inputsHash = base64(sha256("x:" + Literal{scalar{primitive{integer: x}}} + ";"))
/// (_internal/runtime/convert.py <c>generate_inputs_hash_for_named_literals</c>); taskIdentity =
/// base64(sha256("quickstart.Square-" + interfaceHash + "-" + discoveryVersion)) (<c>generate_task_identity_hash</c>),
/// with interfaceHash = base64(sha256(TypedInterface{inputs: [x: INTEGER], outputs: [o0: INTEGER]})) and Square's
/// discovery_version 827fed7704a564f2c260fd02b404d471928af664bb620b964f441a46fe31dc4e, the hash the generator gives its
/// declaration (docs/task-versions.md). Paths are under flyte-sdk's src/flyte/. Editing Square's declaration changes
/// its discovery_version and so these names. cacheKey = base64(sha256(inputsHash + "quickstart.Square" + interfaceHash +
/// cacheVersion)) (convert.py <c>generate_cache_key_hash</c>), where Square's cache version is its discovery_version.
/// </remarks>
internal static class SquareChildCalls
{
    public static readonly string[] Names =
    [
        "7za604jfqdjk6aemyf0xlkpkf",
        "7tzi5xc1y0begi3f1fopi491y",
        "2acgxpqwou8mkhn4gcnkkd1l3",
        "2yzoq2pjppp8p470r0dye8zpd",
    ];

    public static readonly string[] CacheKeys =
    [
        "kuhQFUjxmFMNsFUYkcuUVURZytt/DMPZ4lqwpKA5Y7U=",
        "rHMSKfVQq+nKigrka7npx1p9YoiH5MTbLl4eKSJj8GY=",
        "VZplA2BVgtqJbro/uGl5uagnkRfDeLKvSVzX1B+8cSU=",
        "8RLFuPnvo3pP6nMHXqtYHPqPpTc8FkDYHbcityJSV9c=",
    ];
}
