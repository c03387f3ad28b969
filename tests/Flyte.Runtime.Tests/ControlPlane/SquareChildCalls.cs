namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// The action names and cache keys flyte-sdk gives the first call of Quickstart's <c>quickstart.Square</c> with
/// x = 0, 1, 2, 3 made by the action a0: known answers, so that the tests compare a0's with flyte-sdk's rather than
/// with our own helpers (why the names must be deterministic: docs/children.md).
/// </summary>
/// <remarks>
/// Printed by tools/known-answers/child-names.py, which re-implements flyte-sdk's naming and cache key with the Python
/// standard library alone (the upstream files and protobuf fields it follows are listed in its header). Square's names
/// depend on its discovery_version, the hash the generator gives its declaration (docs/task-versions.md): after editing
/// Square, run the script with the new one from the generator's baseline and paste its output here, never values
/// computed by this repository's code.
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
