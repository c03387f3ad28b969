using Flyte.Storage;
using Google.Apis.Auth.OAuth2;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>
/// How gs:// is reached. No GCS emulator runs here (docs/storage.md says why), so these check the choice of store and of
/// credentials, never a request: application default credentials come from a key file whose token URL is a closed
/// loopback port, and the metadata server is pointed at one too (<see cref="CloudLibraryEnvironment"/>).
/// </summary>
public sealed class GcsObjectStoreTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    [Fact]
    public void WithoutHmacKeys_GsGetsGooglesClientWithApplicationDefaultCredentials()
    {
        using var store = ObjectStores.ForGcs(new ObjectStoreOptions(), Variables());

        var gcs = Assert.IsType<GcsObjectStore>(store);
        Assert.Null(gcs.Endpoint);
        var account = Assert.IsType<ServiceAccountCredential>(gcs.Credential!.UnderlyingCredential);
        Assert.Equal(CloudLibraryEnvironment.ClientEmail, account.Id);
    }

    [Theory]
    [InlineData("FLYTE_AWS_ACCESS_KEY_ID", "FLYTE_AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")]
    public void WithHmacKeysInTheVariables_GsGoesThroughTheS3Interoperability(string idVariable, string secretVariable)
    {
        using var store = ObjectStores.ForGcs(new ObjectStoreOptions(), Variables((idVariable, "GOOG1EHMACID"), (secretVariable, "hmac-secret")));

        var interop = Assert.IsType<S3ObjectStore>(store);
        Assert.Equal(S3ObjectStore.GcsEndpoint, interop.Endpoint);
        Assert.Equal("GOOG1EHMACID", interop.Settings.AccessKeyId);
    }

    [Fact]
    public void WithHmacKeysInTheOptions_GsGoesThroughTheS3Interoperability()
    {
        var options = new ObjectStoreOptions { S3 = new S3StoreOptions { AccessKeyId = "GOOG1EHMACID", SecretAccessKey = "hmac-secret" } };

        using var store = ObjectStores.ForGcs(options, Variables());

        Assert.Equal("gs", Assert.IsType<S3ObjectStore>(store).Scheme);
    }

    [Theory]
    [InlineData("127.0.0.1:9199", "http://127.0.0.1:9199")]
    [InlineData("http://127.0.0.1:9199/", "http://127.0.0.1:9199")]
    public void AnEmulatorHost_IsReachedWithoutCredentials(string host, string endpoint)
    {
        using var store = new GcsObjectStore(new GcsStoreOptions(), Variables(("STORAGE_EMULATOR_HOST", host)));

        Assert.Equal(endpoint, store.Endpoint);
        Assert.Null(store.Credential);
    }

    [Fact]
    public void AChunkSizeThatIsNotAMultipleOf256KiB_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GcsObjectStore(new GcsStoreOptions { ChunkSize = 1000 }, Variables()));

        Assert.Contains("GcsStoreOptions.ChunkSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gs://bucket/")]
    [InlineData("gs://bucket/dir/")]
    public async Task AUriWithoutAKey_NamesNoObject(string uri)
    {
        using var store = new GcsObjectStore(new GcsStoreOptions { Endpoint = "http://127.0.0.1:9" }, Variables());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(uri));

        Assert.Contains(uri, error.Message, StringComparison.Ordinal);
    }
}
