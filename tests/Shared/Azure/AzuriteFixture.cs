using System.Diagnostics;
using System.Globalization;
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

    private ListeningProcess? server;
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
        };
        server = await ListeningProcess.StartAsync("Azurite", start, ListeningLine());
        int port = int.Parse(server.ReadyLine.Groups[1].Value, CultureInfo.InvariantCulture);
        ServiceUri = $"http://127.0.0.1:{port}/{Account}";
        await ListeningProcess.WaitForConnectionAsync(port);

        await CreateClient().GetBlobContainerClient(Container).CreateIfNotExistsAsync();
    }

    public Task DisposeAsync()
    {
        server?.Dispose();
        dataDirectory?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"successfully listens on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
