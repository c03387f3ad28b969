namespace Flyte.Storage;

/// <summary>The bucket and key of an <c>s3://bucket/key</c> (or <c>gs://</c>) URI.</summary>
internal readonly record struct S3Location(string Bucket, string Key)
{
    public static S3Location Parse(string uri, string scheme)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        var start = scheme + "://";
        if (!uri.StartsWith(start, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Expected a {start}bucket/key URI: {uri}", nameof(uri));
        }
        var rest = uri[start.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new ArgumentException($"The URI names no bucket: {uri}", nameof(uri));
        }
        return new S3Location(bucket, slash < 0 ? "" : rest[(slash + 1)..]);
    }

    public string ToUri(string scheme) => $"{scheme}://{Bucket}/{Key}";
}
