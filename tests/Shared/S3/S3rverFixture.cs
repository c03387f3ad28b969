using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Flyte.Storage;

namespace Flyte.Tests.Shared;

/// <summary>
/// A real S3 server for the tests: the npm package s3rver (tools/s3rver), run with node on 127.0.0.1,
/// on a port the OS picks, storing into a temporary folder, with one bucket created through the S3 API.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "flyte-tests";

    // s3rver's built-in account.
    private const string AccessKey = "S3RVER";

    private ListeningProcess? server;
    private DirectoryInfo? dataDirectory;

    public string Endpoint { get; private set; } = "";

    public S3StoreOptions Options => new()
    {
        Endpoint = Endpoint,
        Region = "us-east-1",
        AccessKeyId = AccessKey,
        SecretAccessKey = AccessKey,
        ForcePathStyle = true,
        MaxRetries = 1,
    };

    public async Task InitializeAsync()
    {
        var toolDirectory = NpmTool.Directory("s3rver");
        var entryPoint = Path.Combine(toolDirectory, "node_modules", "s3rver", "bin", "s3rver.js");
        await NpmTool.EnsureInstalledAsync(toolDirectory, entryPoint);

        dataDirectory = Directory.CreateTempSubdirectory("flyte-s3rver-");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { entryPoint, "--directory", dataDirectory.FullName, "--address", "127.0.0.1", "--port", "0", "--silent", "--no-vhost-buckets" },
        };
        server = await ListeningProcess.StartAsync("s3rver", start, ListeningLine());
        int port = int.Parse(server.ReadyLine.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Endpoint = $"http://127.0.0.1:{port}";
        await ListeningProcess.WaitForConnectionAsync(port);

        using var client = new AmazonS3Client(AccessKey, AccessKey, new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    public Task DisposeAsync()
    {
        server?.Dispose();
        dataDirectory?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"listening on [^\s]+:(\d+)")]
    private static partial Regex ListeningLine();
}
