using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

public sealed class AzureBlobLocationTests
{
    [Theory]
    [InlineData("abfs://data/a/b.txt", "abfs://data/", "data", null, "a/b.txt")]
    [InlineData("abfss://data/", "abfss://data/", "data", null, "")]
    [InlineData("abfs://data", "abfs://data/", "data", null, "")]
    [InlineData("abfs://data@acct.dfs.core.windows.net/x/y", "abfs://data@acct.dfs.core.windows.net/", "data", "acct", "x/y")]
    [InlineData("ABFSS://data@Acct.DFS.core.windows.net/x", "ABFSS://data@Acct.DFS.core.windows.net/", "data", "Acct", "x")]
    public void BothFormsOfFlyteSdk_MapToContainerAccountAndKey(string uri, string root, string container, string? account, string key)
    {
        Assert.Equal(new AzureBlobLocation(root, container, account, key), AzureBlobLocation.Parse(uri));
    }

    [Fact]
    public void ListedNames_AreWrittenInTheFormOfThePrefix()
    {
        var location = AzureBlobLocation.Parse("abfss://data@acct.dfs.core.windows.net/runs/");

        Assert.Equal("abfss://data@acct.dfs.core.windows.net/runs/a0/outputs.pb", location.UriOf("runs/a0/outputs.pb"));
    }

    [Theory]
    [InlineData("abfs:///key", "names no container")]
    [InlineData("abfs://@acct.dfs.core.windows.net/key", "names no container")]
    [InlineData("abfs://data@acct.blob.core.windows.net/key", "abfs://container@account.dfs.core.windows.net/path")]
    [InlineData("abfs://data@.dfs.core.windows.net/key", "abfs://container@account.dfs.core.windows.net/path")]
    [InlineData("s3://bucket/key", "Expected an abfs:// or abfss:// URI")]
    public void MalformedUris_AreRefusedSayingWhatIsExpected(string uri, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => AzureBlobLocation.Parse(uri));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
