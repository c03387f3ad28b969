using System.Diagnostics.CodeAnalysis;

namespace Flyte.Storage;

/// <summary>
/// Parts of storage that a trimmed or natively compiled app can leave out. Google's client library (Newtonsoft.Json
/// underneath) is not trim-safe, so the native a0 turns <see cref="IsGoogleCloudStorageSupported"/> off and reaches
/// <c>gs://</c> only through GCS's S3 interoperability (see docs/storage.md).
/// </summary>
internal static class StorageFeatures
{
    private const string GoogleCloudStorageSwitch = "Flyte.Storage.GoogleCloudStorage.IsSupported";

#if NET9_0_OR_GREATER
    [FeatureSwitchDefinition(GoogleCloudStorageSwitch)]
#endif
    public static bool IsGoogleCloudStorageSupported =>
        !AppContext.TryGetSwitch(GoogleCloudStorageSwitch, out bool enabled) || enabled;
}
