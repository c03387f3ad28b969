namespace Flyte.Devbox.State;

// The output cache: where the outputs of a cacheable task with given inputs already are.
public sealed partial class DevboxDatabase
{
    /// <summary>The output prefix stored for <paramref name="cacheKey"/>, or null on a miss.</summary>
    public string? GetCachedOutputs(string cacheKey) => Read(connection =>
        connection.Scalar("SELECT output_uri FROM cache WHERE cache_key = $cacheKey", ("$cacheKey", cacheKey)) as string);

    /// <summary>Stores where the outputs for <paramref name="cacheKey"/> are, unless an entry exists: the first writer wins.</summary>
    public void PutCachedOutputs(string cacheKey, string taskName, string outputUri) => Write(connection =>
        connection.Execute(
            """
            INSERT INTO cache (cache_key, output_uri, task_name, created_at) VALUES ($cacheKey, $outputUri, $taskName, $createdAt)
            ON CONFLICT (cache_key) DO NOTHING
            """,
            ("$cacheKey", cacheKey), ("$outputUri", outputUri), ("$taskName", taskName), ("$createdAt", Timestamps.ToText(DateTimeOffset.UtcNow))));
}
