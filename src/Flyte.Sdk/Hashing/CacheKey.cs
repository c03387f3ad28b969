namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>generate_cache_key_hash</c>, sent as <c>TaskAction.cache_key</c> when the task is cacheable.
/// </summary>
internal static class CacheKey
{
    /// <param name="taskName">The task's full name, <c>env.task</c>.</param>
    /// <param name="inputsHash">The inputs hash, already filtered (<c>InputsHash.ComputeFiltered</c>) when the task ignores some inputs for caching.</param>
    /// <param name="interfaceHash"><see cref="InterfaceHash.Compute"/> of the task's interface.</param>
    /// <param name="cacheVersion">The task's <c>metadata.discovery_version</c>.</param>
    public static string Compute(string taskName, string inputsHash, string interfaceHash, string cacheVersion) =>
        FlyteHash.Of(string.Concat(inputsHash, taskName, interfaceHash, cacheVersion));
}
