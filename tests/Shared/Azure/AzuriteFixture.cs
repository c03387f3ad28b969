using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage;
using Azure.Storage.Blobs;
using Flyte.Storage;

namespace Flyte.Tests.Shared;

/// <summary>
/// A real Azure Blob Storage service for the tests: Azurite (tools/azurite), Microsoft's own emulator, run with node on
/// 127.0.0.1 on a port the OS picks, storing into a temporary folder, with its telemetry off, and one container created
/// through the Blob API.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    public const string Container = "flyte-tests";

    // Azurite's built-in development account and its published key.
    public const string Account = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder output = new();
    private Process? server;
    private DirectoryInfo? dataDirectory;

    /// <summary>The Blob service URL of the development account, <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public string ServiceUri { get; private set; } = "";

    public AzureStoreOptions Options => new()
    {
        AccountName = Account,
        AccountKey = AccountKey,
        ServiceUri = ServiceUri,
        MaxRetries = 1,
    };

    public BlobServiceClient CreateClient() => new(new Uri(ServiceUri), new StorageSharedKeyCredential(Account, AccountKey));

    public async Task InitializeAsync()
    {
        var toolDirectory = NpmTool.Directory("azurite");
        var entryPoint = Path.Combine(toolDirectory, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        await NpmTool.EnsureInstalledAsync(toolDirectory, entryPoint);

        dataDirectory = Directory.CreateTempSubdirectory("flyte-azurite-");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                entryPoint, "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", dataDirectory.FullName,
                // No usage reports leave the machine; the account is the URL's first path segment, not the host's name.
                "--disableTelemetry", "--disableProductStyleUrl", "--skipApiVersionCheck",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        server = new Process { StartInfo = start, EnableRaisingEvents = true };
        server.OutputDataReceived += (_, e) => OnOutput(e.Data, listening);
        server.ErrorDataReceived += (_, e) => OnOutput(e.Data, listening);
        server.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Azurite exited early:\n{Output()}"));
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        ServiceUri = $"http://127.0.0.1:{port}/{Account}";
        await WaitForConnectionAsync(port);

        await CreateClient().GetBlobContainerClient(Container).CreateIfNotExistsAsync();
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
            listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
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

    [GeneratedRegex(@"successfully listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
