using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
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

    static S3rverFixture()
    {
        // An S3 client without credentials would ask the EC2 metadata service, which is not on loopback: never here.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    private readonly StringBuilder output = new();
    private Process? server;
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
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        server = new Process { StartInfo = start, EnableRaisingEvents = true };
        server.OutputDataReceived += (_, e) => OnOutput(e.Data, listening);
        server.ErrorDataReceived += (_, e) => OnOutput(e.Data, listening);
        server.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"s3rver exited early:\n{Output()}"));
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Endpoint = $"http://127.0.0.1:{port}";
        await WaitForConnectionAsync(port);

        using var client = new AmazonS3Client(AccessKey, AccessKey, new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    public Task DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
        server?.Dispose();
        dataDirectory?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private void OnOutput(string? line, TaskCompletionSource<int> listening)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task WaitForConnectionAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    [GeneratedRegex(@"listening on [^\s]+:(\d+)")]
    private static partial Regex ListeningLine();
}
