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

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

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
        var toolDirectory = FindToolDirectory();
        var entryPoint = Path.Combine(toolDirectory, "node_modules", "s3rver", "bin", "s3rver.js");
        await EnsureInstalledAsync(toolDirectory, entryPoint);

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

    /// <summary>On a fresh clone node_modules is missing: install the locked version once, as .ci/run does.</summary>
    private static async Task EnsureInstalledAsync(string toolDirectory, string entryPoint)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(entryPoint))
            {
                return;
            }
            var start = new ProcessStartInfo("npm")
            {
                ArgumentList = { "ci", "--prefix", toolDirectory, "--no-audit", "--no-fund" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (npm.ExitCode != 0 || !File.Exists(entryPoint))
            {
                throw new InvalidOperationException($"npm ci --prefix {toolDirectory} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string FindToolDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "s3rver");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"tools/s3rver/package.json not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"listening on [^\s]+:(\d+)")]
    private static partial Regex ListeningLine();
}
