using System.Runtime.CompilerServices;

namespace Flyte.Tests.Shared;

/// <summary>
/// An AWS client that finds no credentials or region elsewhere asks the EC2 instance metadata service, which is not on
/// loopback. The AWS SDK takes the switch that stops it (AWS_EC2_METADATA_DISABLED) from the process's environment alone,
/// so it is set here, once, when a test assembly that uses S3 loads, before any test runs; no test sets or reads it.
/// </summary>
internal static class NoInstanceMetadata
{
#pragma warning disable CA2255 // A test assembly is not a library others load: this runs once, in the test host, before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void DisableForThisProcess() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
}
