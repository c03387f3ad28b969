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
    public void TheFlyteVariablesThatChartsGivePods_WinOverTheAwsOnes()
    {
        var settings = Resolve("s3", new S3StoreOptions(),
            ("FLYTE_AWS_ENDPOINT", "http://minio.flyte:9000"),
            ("FLYTE_AWS_ACCESS_KEY_ID", "minio"),
            ("FLYTE_AWS_SECRET_ACCESS_KEY", "miniostorage"),
            ("AWS_ENDPOINT_URL_S3", "http://s3-specific:2"),
            ("AWS_ACCESS_KEY_ID", "aws-id"),
            ("AWS_SECRET_ACCESS_KEY", "aws-secret"),
            ("AWS_SESSION_TOKEN", "a token for the AWS key"));

        Assert.Equal(new S3ClientSettings("s3", "http://minio.flyte:9000", "us-east-1", "minio", "miniostorage", null, ForcePathStyle: true), settings);
    }

    [Theory]
    [InlineData("virtual", false)]
    [InlineData("path", true)]
    [InlineData("PATH", true)]
    public void TheAddressingStyleVariable_ChoosesPathOrVirtualHostedAddressing(string style, bool pathStyle)
    {
        var settings = Resolve("s3", new S3StoreOptions(), ("FLYTE_AWS_ENDPOINT", "http://minio.flyte:9000"), ("FLYTE_AWS_S3_ADDRESSING_STYLE", style));

        Assert.Equal(pathStyle, settings.ForcePathStyle);
    }

    [Fact]
    public void AnUnknownAddressingStyle_IsOneLineNamingTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve("s3", new S3StoreOptions(), ("FLYTE_AWS_S3_ADDRESSING_STYLE", "dns")));

        Assert.Equal("FLYTE_AWS_S3_ADDRESSING_STYLE must be 'path' or 'virtual', not 'dns'.", error.Message);
    }

    [Theory]
    [InlineData("FLYTE_AWS_ACCESS_KEY_ID", "FLYTE_AWS_ACCESS_KEY_ID and FLYTE_AWS_SECRET_ACCESS_KEY")]
    [InlineData("FLYTE_AWS_SECRET_ACCESS_KEY", "FLYTE_AWS_ACCESS_KEY_ID and FLYTE_AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")]
    public void HalfAKeyPair_IsRefusedNamingThePair(string variable, string pair)
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve("s3", new S3StoreOptions(), (variable, "value")));

        Assert.Contains(pair, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKeysAnywhere_LeavesCredentialsToTheAwsDefaultChain()
    {
        // A pod's IAM role (web identity, container or instance credentials): the AWS SDK's chain decides, so no keys here.
        var settings = Resolve("s3", new S3StoreOptions(), ("FLYTE_AWS_ENDPOINT", "http://minio.flyte:9000"), ("AWS_REGION", "eu-west-3"));

        Assert.Null(settings.AccessKeyId);
        Assert.Null(settings.SecretAccessKey);
        Assert.Equal("eu-west-3", settings.Region);
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
