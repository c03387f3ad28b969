using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

public sealed class S3ClientSettingsTests
{
    private static S3ClientSettings Resolve(string scheme, S3StoreOptions options, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(v => v.Name, v => v.Value);
        return S3ClientSettings.Resolve(scheme, options, name => variables.GetValueOrDefault(name));
    }

    [Fact]
    public void TheAwsVariables_FillWhatTheOptionsLeaveUnset()
    {
        var settings = Resolve("s3", new S3StoreOptions(),
            ("AWS_ENDPOINT_URL", "http://generic:1"),
            ("AWS_ENDPOINT_URL_S3", "http://s3-specific:2"),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
            ("AWS_REGION", "eu-central-1"),
            ("AWS_ACCESS_KEY_ID", "id"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"));

        Assert.Equal(new S3ClientSettings("s3", "http://s3-specific:2", "eu-central-1", "id", "secret", "token", ForcePathStyle: true), settings);
    }

    [Fact]
    public void TheGenericVariables_AreTheFallback()
    {
        var settings = Resolve("s3", new S3StoreOptions(), ("AWS_ENDPOINT_URL", "http://generic:1"), ("AWS_DEFAULT_REGION", "eu-west-1"));

        Assert.Equal("http://generic:1", settings.Endpoint);
        Assert.Equal("eu-west-1", settings.Region);
        Assert.Null(settings.AccessKeyId);
    }

    [Fact]
    public void TheOptions_WinOverTheVariables()
    {
        var options = new S3StoreOptions
        {
            Endpoint = "http://option:3",
            Region = "ap-south-1",
            AccessKeyId = "option-id",
            SecretAccessKey = "option-secret",
            ForcePathStyle = false,
        };

        var settings = Resolve("s3", options,
            ("AWS_ENDPOINT_URL_S3", "http://s3-specific:2"),
            ("AWS_REGION", "eu-central-1"),
            ("AWS_ACCESS_KEY_ID", "id"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "a token for the other key"));

        Assert.Equal(new S3ClientSettings("s3", "http://option:3", "ap-south-1", "option-id", "option-secret", null, ForcePathStyle: false), settings);
    }

    [Fact]
    public void NothingSet_MeansAwsInUsEast1WithVirtualHostedAddressing()
    {
        var settings = Resolve("s3", new S3StoreOptions());

        Assert.Equal(new S3ClientSettings("s3", null, "us-east-1", null, null, null, ForcePathStyle: false), settings);
    }

    [Fact]
    public void Gs_GoesToGcsWhateverTheAwsEndpointVariablesSay()
    {
        var settings = Resolve("gs", new S3StoreOptions(), ("AWS_ENDPOINT_URL_S3", "http://s3-specific:2"), ("AWS_REGION", "eu-central-1"));

        Assert.Equal("https://storage.googleapis.com", settings.Endpoint);
        Assert.Equal("auto", settings.Region);
        Assert.True(settings.ForcePathStyle);
    }

    [Fact]
    public void Gs_TakesAnEndpointFromTheOptions()
    {
        var settings = Resolve("gs", new S3StoreOptions { Endpoint = "http://127.0.0.1:4443" });

        Assert.Equal("http://127.0.0.1:4443", settings.Endpoint);
    }

    [Fact]
    public void HalfTheCredentials_IsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve("s3", new S3StoreOptions(), ("AWS_ACCESS_KEY_ID", "id")));

        Assert.Contains("AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(S3StoreOptions.MinimumPartSize - 1, 0)]
    [InlineData(S3StoreOptions.MinimumPartSize, -1)]
    public void PartsBelowS3sMinimumOrANegativeThreshold_AreRefused(long partSize, long threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Resolve("s3", new S3StoreOptions { PartSize = partSize, MultipartThreshold = threshold }));
    }
}
