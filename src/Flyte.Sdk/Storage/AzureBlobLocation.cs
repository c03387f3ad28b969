namespace Flyte.Storage;

/// <summary>
/// An <c>abfs://</c> or <c>abfss://</c> URI in either of the forms flyte-sdk accepts:
/// <c>abfs[s]://container@account.dfs.core.windows.net/path</c> (Hadoop's, naming the account) or
/// <c>abfs[s]://container/path</c> (fsspec's, the account coming from configuration).
/// </summary>
internal readonly record struct AzureBlobLocation(string Root, string Container, string? Account, string Key)
{
    private const string DfsHostSuffix = ".dfs.core.windows.net";

    public static AzureBlobLocation Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        string? scheme = ObjectStores.SchemeOf(uri);
        if (scheme is null || !(scheme.Equals(ObjectStores.AzureScheme, StringComparison.OrdinalIgnoreCase) || scheme.Equals(ObjectStores.AzureSecureScheme, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"Expected an abfs:// or abfss:// URI (abfs://container/path or abfs://container@account{DfsHostSuffix}/path): {uri}", nameof(uri));
        }
        string rest = uri[(scheme.Length + 3)..];
        int slash = rest.IndexOf('/');
        string authority = slash < 0 ? rest : rest[..slash];
        string key = slash < 0 ? "" : rest[(slash + 1)..];
        string root = uri[..(scheme.Length + 3 + authority.Length)] + "/";

        int at = authority.IndexOf('@');
        if (at < 0)
        {
            return new AzureBlobLocation(root, RequireContainer(authority, uri), null, key);
        }
        string host = authority[(at + 1)..];
        if (!host.EndsWith(DfsHostSuffix, StringComparison.OrdinalIgnoreCase) || host.Length == DfsHostSuffix.Length)
        {
            throw new ArgumentException($"An abfs:// URI that names its account is abfs://container@account{DfsHostSuffix}/path, not '@{host}': {uri}", nameof(uri));
        }
        return new AzureBlobLocation(root, RequireContainer(authority[..at], uri), host[..^DfsHostSuffix.Length], key);
    }

    /// <summary>The URI of <paramref name="blobName"/> in this location's container, written in the same form.</summary>
    public string UriOf(string blobName) => Root + blobName;

    private static string RequireContainer(string container, string uri) =>
        container.Length > 0 ? container : throw new ArgumentException($"The URI names no container: {uri}", nameof(uri));
}
