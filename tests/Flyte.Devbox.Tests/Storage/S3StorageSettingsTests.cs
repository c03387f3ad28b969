using System.Net;
using System.Net.Sockets;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Flyte.Tests.Shared;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>S3 storage that cannot work stops the devbox's start with one line naming what to fix; storage that works tells a0 how to reach it.</summary>
public sealed class S3StorageSettingsTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task No_bucket_is_named_as_the_missing_setting()
    {
        var error = await Assert.ThrowsAsync<DevboxStorageException>(() =>
            S3BucketStorage.OpenAsync(new S3StorageOptions { Bucket = "", Connection = s3.Options }));

        Assert.Equal("S3 storage needs a bucket: name it as in s3://<bucket>[/<prefix>]", error.Message);
    }

    [Fact]
    public async Task No_endpoint_is_named_as_the_missing_setting_and_the_devbox_does_not_start()
    {
        var data = Directory.CreateTempSubdirectory("devbox-s3-settings-");
        try
        {
            var error = await Assert.ThrowsAsync<DevboxStorageException>(() => DevboxServer.StartAsync(new DevboxOptions
            {
                DataDirectory = data.FullName,
                Port = 0,
                // No AWS variable may supply the endpoint either, whatever the process has.
                S3 = new S3StorageOptions { Bucket = S3rverFixture.Bucket, Connection = s3.Options with { Endpoint = null }, Environment = _ => null },
            }));

            Assert.StartsWith("S3 storage needs an endpoint: set storage.endpoint in the config file, FLYTE_STORAGE_ENDPOINT or AWS_ENDPOINT_URL_S3", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_is_named()
    {
        var error = await Assert.ThrowsAsync<DevboxStorageException>(() =>
            S3BucketStorage.OpenAsync(new S3StorageOptions { Bucket = "no-such-bucket", Connection = s3.Options }));

        Assert.Equal($"the bucket 'no-such-bucket' does not exist at {s3.Endpoint}; create it first", error.Message);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_is_named()
    {
        string endpoint = $"http://127.0.0.1:{ClosedPort()}";

        var error = await Assert.ThrowsAsync<DevboxStorageException>(() => S3BucketStorage.OpenAsync(new S3StorageOptions
        {
            Bucket = S3rverFixture.Bucket,
            Connection = s3.Options with { Endpoint = endpoint, MaxRetries = 0 },
        }));

        Assert.StartsWith($"cannot reach the S3 endpoint {endpoint}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_endpoint_that_is_not_an_http_url_is_named()
    {
        var error = await Assert.ThrowsAsync<DevboxStorageException>(() => S3BucketStorage.OpenAsync(new S3StorageOptions
        {
            Bucket = S3rverFixture.Bucket,
            Connection = s3.Options with { Endpoint = "127.0.0.1:9000" },
        }));

        Assert.Equal("the S3 endpoint '127.0.0.1:9000' is not an http:// or https:// URL", error.Message);
    }

    [Fact]
    public async Task Tasks_get_the_endpoint_region_and_credentials_and_never_ask_the_instance_metadata_service()
    {
        using var storage = await S3BucketStorage.OpenAsync(new S3StorageOptions { Bucket = S3rverFixture.Bucket, Prefix = "/devbox/", Connection = s3.Options });

        Assert.Equal($"s3://{S3rverFixture.Bucket}/devbox", storage.Location);
        Assert.Equal($"s3://{S3rverFixture.Bucket}/devbox/runs/flytesnacks/development/r1", storage.RunBase(new RunKey("", "flytesnacks", "development", "r1")));
        Assert.Equal(new Dictionary<string, string>
        {
            ["FLYTE_AWS_ENDPOINT"] = s3.Endpoint,
            ["FLYTE_AWS_S3_ADDRESSING_STYLE"] = "path",
            ["FLYTE_AWS_ACCESS_KEY_ID"] = s3.Options.AccessKeyId!,
            ["FLYTE_AWS_SECRET_ACCESS_KEY"] = s3.Options.SecretAccessKey!,
            ["AWS_ENDPOINT_URL_S3"] = s3.Endpoint,
            ["AWS_REGION"] = s3.Options.Region!,
            ["AWS_ACCESS_KEY_ID"] = s3.Options.AccessKeyId!,
            ["AWS_SECRET_ACCESS_KEY"] = s3.Options.SecretAccessKey!,
            ["AWS_SESSION_TOKEN"] = "",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        }, storage.TaskEnvironment.ToDictionary());
    }

    /// <summary>A loopback port that nothing listens on: one the OS just handed out and that was closed again.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
