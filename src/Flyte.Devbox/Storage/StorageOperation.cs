namespace Flyte.Devbox.Storage;

/// <summary>What a signed URL allows: downloading an object (HTTP GET) or uploading it (HTTP PUT).</summary>
public enum StorageOperation
{
    Get,
    Put,
}
