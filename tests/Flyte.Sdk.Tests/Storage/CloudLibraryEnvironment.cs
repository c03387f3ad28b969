using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>
/// Google's and Azure's client libraries take some settings from the process's environment alone: where application
/// default credentials are (GOOGLE_APPLICATION_CREDENTIALS), where the metadata server is (GCE_METADATA_*), where a
/// managed identity gets tokens (AZURE_POD_IDENTITY_AUTHORITY_HOST). They are set here, once, when this assembly loads and
/// before any test runs, whatever the machine had: a key file of this run's own whose token URL, like every other
/// address here, is a closed loopback port. No test sets them; tests of our own code inject their variables instead.
/// </summary>
internal static class CloudLibraryEnvironment
{
    public const string ClientEmail = "flyte-tasks@flyte-tests.iam.gserviceaccount.com";

    private const string ClosedPort = "127.0.0.1:9";

    /// <summary>The service account key GOOGLE_APPLICATION_CREDENTIALS names.</summary>
    public static string GoogleKeyFile { get; } = Path.Combine(Path.GetTempPath(), $"flyte-gcs-key-{Guid.NewGuid():N}.json");

#pragma warning disable CA2255 // A test assembly is not a library others load: this runs once, in the test host, before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SetForThisProcess()
    {
        WriteGoogleKeyFile();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(GoogleKeyFile);
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", GoogleKeyFile);
        Environment.SetEnvironmentVariable("GCE_METADATA_HOST", ClosedPort);
        Environment.SetEnvironmentVariable("GCE_METADATA_IP", ClosedPort);
        Environment.SetEnvironmentVariable("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://" + ClosedPort);
    }

    private static void WriteGoogleKeyFile()
    {
        using var rsa = RSA.Create(2048);
        using var stream = File.Create(GoogleKeyFile);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("type", "service_account");
        json.WriteString("project_id", "flyte-tests");
        json.WriteString("private_key_id", "0123456789abcdef");
        json.WriteString("private_key", rsa.ExportPkcs8PrivateKeyPem());
        json.WriteString("client_email", ClientEmail);
        json.WriteString("client_id", "1234567890");
        json.WriteString("token_uri", $"http://{ClosedPort}/token");
        json.WriteEndObject();
    }
}
