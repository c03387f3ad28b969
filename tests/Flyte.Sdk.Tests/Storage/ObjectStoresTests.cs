using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

public sealed class ObjectStoresTests
{
    private static readonly S3StoreOptions Credentials = new() { AccessKeyId = "key", SecretAccessKey = "secret", Region = "us-east-1" };

    [Theory]
    [InlineData("file:///tmp/data/x")]
    [InlineData("FILE:///tmp/data/x")]
    [InlineData("/tmp/data/x")]
    [InlineData("relative/data/x")]
    [InlineData(@"C:\data\x")]
    public void LocalUrisAndPaths_GetTheLocalStore(string uri)
    {
        using var store = ObjectStores.For(uri);

        Assert.IsType<LocalObjectStore>(store);
    }

    [Fact]
    public void S3Uris_GetAnS3Store()
    {
        using var store = ObjectStores.For("s3://bucket/key", Credentials);

        var s3 = Assert.IsType<S3ObjectStore>(store);
        Assert.Equal("s3", s3.Scheme);
    }

    [Fact]
    public void GsUris_GetAnS3StoreOnTheGcsEndpoint()
    {
        using var store = ObjectStores.For("gs://bucket/key", Credentials);

        var gcs = Assert.IsType<S3ObjectStore>(store);
        Assert.Equal("gs", gcs.Scheme);
        Assert.Equal("https://storage.googleapis.com", gcs.Endpoint);
        Assert.Equal("https://storage.googleapis.com/", gcs.Client.Config.ServiceURL);
        Assert.True(gcs.Settings.ForcePathStyle);
    }

    [Theory]
    [InlineData("ftp://host/file", "ftp")]
    [InlineData("wasb://container/key", "wasb")]
    public void UnknownSchemes_AreRefusedNamingTheSchemeAndTheSupportedOnes(string uri, string scheme)
    {
        var error = Assert.Throws<NotSupportedException>(() => ObjectStores.For(uri));

        Assert.Contains($"'{scheme}'", error.Message, StringComparison.Ordinal);
        foreach (var supported in new[] { "file://", "s3://", "gs://", "abfs://", "abfss://" })
        {
            Assert.Contains(supported, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("abfs://data@acct.dfs.core.windows.net/key", "acct")]
    [InlineData("abfss://data@acct.dfs.core.windows.net/key", "acct")]
    public void AbfsUris_GetAnAzureStoreForTheirAccount(string uri, string account)
    {
        using var store = ObjectStores.For(uri, new ObjectStoreOptions { Azure = new AzureStoreOptions { AccountKey = "a2V5" } });

        var azure = Assert.IsType<AzureBlobObjectStore>(store);
        Assert.Equal(account, azure.AccountName);
        Assert.Equal(AzureCredentialSource.SharedKey, azure.CredentialSource);
    }

    [Theory]
    [InlineData("gs://bucket/a/b.txt", "bucket", "a/b.txt")]
    [InlineData("gs://bucket/", "bucket", "")]
    [InlineData("gs://bucket", "bucket", "")]
    [InlineData("gs://bucket/dir/", "bucket", "dir/")]
    public void GsUris_MapToBucketAndKey(string uri, string bucket, string key)
    {
        Assert.Equal(new S3Location(bucket, key), S3Location.Parse(uri, "gs"));
        if (key.Length > 0)
        {
            Assert.Equal(uri, new S3Location(bucket, key).ToUri("gs"));
        }
    }

    [Theory]
    [InlineData("s3:///key")]
    [InlineData("s3://")]
    public void UrisWithoutABucket_AreRefused(string uri)
    {
        Assert.Throws<ArgumentException>(() => S3Location.Parse(uri, "s3"));
    }

    [Fact]
    public async Task AnS3UriWithoutAKey_NamesNoObject()
    {
        using var store = new S3ObjectStore(Credentials with { Endpoint = "http://127.0.0.1:9" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("s3://bucket/"));

        Assert.Contains("s3://bucket/", error.Message, StringComparison.Ordinal);
    }
}
