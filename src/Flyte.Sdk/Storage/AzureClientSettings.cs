namespace Flyte.Storage;

/// <summary><see cref="AzureStoreOptions"/> completed from the environment, for one storage account.</summary>
internal sealed record AzureClientSettings(AzureCredentialSource Source, string? Account, Uri? ServiceUri, string? AccountKey, string? ConnectionString)
{
    public static AzureClientSettings Resolve(AzureStoreOptions options, string? uriAccount, Func<string, string?> environment)
    {
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;

        if (options.BlockSize is < 1 or > 4000L * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BlockSize, "AzureStoreOptions.BlockSize must be between 1 byte and 4000 MiB, Azure's largest block.");
        }
        if (options.SingleUploadLimit is < 1 or > 5000L * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SingleUploadLimit, "AzureStoreOptions.SingleUploadLimit must be between 1 byte and 5000 MiB, Azure's largest single upload.");
        }
        if (options.MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRetries, "AzureStoreOptions.MaxRetries must not be negative.");
        }

        // A URI that names its account wins over configuration, as in flyte-sdk.
        string? account = uriAccount ?? options.AccountName ?? Variable("AZURE_STORAGE_ACCOUNT_NAME");
        Uri? serviceUri = options.ServiceUri is { } given ? ParseServiceUri(given) : null;

        if (options.ConnectionString is { } connectionString)
        {
            return new AzureClientSettings(AzureCredentialSource.ConnectionString, uriAccount, serviceUri, null, connectionString);
        }
        if ((options.AccountKey ?? Variable("AZURE_STORAGE_ACCOUNT_KEY")) is { } key)
        {
            return new AzureClientSettings(AzureCredentialSource.SharedKey, RequireAccount(account), serviceUri ?? BlobEndpointOf(RequireAccount(account)), key, null);
        }
        if (Variable("AZURE_STORAGE_CONNECTION_STRING") is { } fromEnvironment)
        {
            return new AzureClientSettings(AzureCredentialSource.ConnectionString, uriAccount, serviceUri, null, fromEnvironment);
        }
        return new AzureClientSettings(AzureCredentialSource.DefaultAzureCredential, RequireAccount(account), serviceUri ?? BlobEndpointOf(RequireAccount(account)), null, null);
    }

    private static string RequireAccount(string? account) =>
        account ?? throw new ArgumentException(
            "No Azure storage account: write the URI as abfs://container@ACCOUNT.dfs.core.windows.net/path, or set AZURE_STORAGE_ACCOUNT_NAME (or AzureStoreOptions.AccountName).");

    private static Uri BlobEndpointOf(string account) => new($"https://{account}.blob.core.windows.net");

    private static Uri ParseServiceUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"AzureStoreOptions.ServiceUri must be an http(s) URL such as https://ACCOUNT.blob.core.windows.net, not '{value}'.");
}
