using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>Which credentials an Azure store picks, from options and the variables flyte-sdk reads; no request is made.</summary>
public sealed class AzureClientSettingsTests
{
    private static AzureClientSettings Resolve(AzureStoreOptions options, string? uriAccount, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(v => v.Name, v => v.Value);
        return AzureClientSettings.Resolve(options, uriAccount, name => variables.GetValueOrDefault(name));
    }

    [Fact]
    public void TheAccountKeyVariable_IsASharedKeyForTheNamedAccount()
    {
        var settings = Resolve(new AzureStoreOptions(), null, ("AZURE_STORAGE_ACCOUNT_NAME", "flytedata"), ("AZURE_STORAGE_ACCOUNT_KEY", "a2V5"));

        Assert.Equal(new AzureClientSettings(AzureCredentialSource.SharedKey, "flytedata", new Uri("https://flytedata.blob.core.windows.net"), "a2V5", null), settings);
    }

    [Fact]
    public void NoKeyAndNoConnectionString_IsDefaultAzureCredential()
    {
        // A pod with workload identity, or a service principal in AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET.
        var settings = Resolve(new AzureStoreOptions(), null, ("AZURE_STORAGE_ACCOUNT_NAME", "flytedata"), ("AZURE_CLIENT_ID", "app"), ("AZURE_TENANT_ID", "tenant"));

        Assert.Equal(AzureCredentialSource.DefaultAzureCredential, settings.Source);
        Assert.Equal(new Uri("https://flytedata.blob.core.windows.net"), settings.ServiceUri);
        Assert.Null(settings.AccountKey);
    }

    [Fact]
    public void TheAccountInTheUri_WinsOverConfiguration()
    {
        var settings = Resolve(new AzureStoreOptions { AccountName = "configured" }, "fromuri", ("AZURE_STORAGE_ACCOUNT_NAME", "variable"));

        Assert.Equal("fromuri", settings.Account);
        Assert.Equal(new Uri("https://fromuri.blob.core.windows.net"), settings.ServiceUri);
    }

    [Fact]
    public void TheOptions_WinOverTheVariables()
    {
        var settings = Resolve(new AzureStoreOptions { AccountName = "option", AccountKey = "b3B0", ServiceUri = "http://127.0.0.1:10000/option" }, null,
            ("AZURE_STORAGE_ACCOUNT_NAME", "variable"), ("AZURE_STORAGE_ACCOUNT_KEY", "dmFy"), ("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true"));

        Assert.Equal(new AzureClientSettings(AzureCredentialSource.SharedKey, "option", new Uri("http://127.0.0.1:10000/option"), "b3B0", null), settings);
    }

    [Fact]
    public void AConnectionStringVariable_IsUsedWhenNoKeyIsGiven()
    {
        var settings = Resolve(new AzureStoreOptions(), null, ("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true"));

        Assert.Equal(AzureCredentialSource.ConnectionString, settings.Source);
        Assert.Equal("UseDevelopmentStorage=true", settings.ConnectionString);
    }

    [Fact]
    public void NoAccountAnywhere_IsOneLineSayingHowToNameOne()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new AzureStoreOptions(), null));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("abfs://container@ACCOUNT.dfs.core.windows.net/path", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadServiceUri_IsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve(new AzureStoreOptions { AccountName = "a", ServiceUri = "blob.example" }, null));

        Assert.Contains("'blob.example'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoreWithoutKeys_IsBuiltOnDefaultAzureCredentialWithoutARequest()
    {
        using var store = new AzureBlobObjectStore(new AzureStoreOptions(), "flytedata", _ => null);

        Assert.Equal(AzureCredentialSource.DefaultAzureCredential, store.CredentialSource);
        Assert.Equal("flytedata", store.AccountName);
        Assert.Equal(new Uri("https://flytedata.blob.core.windows.net"), store.Client.Uri);
    }
}
