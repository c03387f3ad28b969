namespace Flyte.Storage;

/// <summary>Where an Azure Blob store's credentials come from, in the order they are looked for.</summary>
public enum AzureCredentialSource
{
    /// <summary>A storage connection string (<see cref="AzureStoreOptions.ConnectionString"/> or <c>AZURE_STORAGE_CONNECTION_STRING</c>).</summary>
    ConnectionString,

    /// <summary>The account's shared key (<see cref="AzureStoreOptions.AccountKey"/> or <c>AZURE_STORAGE_ACCOUNT_KEY</c>).</summary>
    SharedKey,

    /// <summary>Azure.Identity's <c>DefaultAzureCredential</c>: a service principal from <c>AZURE_*</c> variables, workload identity, managed identity, developer tools.</summary>
    DefaultAzureCredential,
}
