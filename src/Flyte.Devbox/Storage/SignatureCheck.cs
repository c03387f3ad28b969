namespace Flyte.Devbox.Storage;

/// <summary>The outcome of checking a signed URL's query against the request it arrived with.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>The signature is missing, malformed, or was made for another path, operation, expiry or MD5.</summary>
    Invalid,

    /// <summary>The signature is genuine but its expiry time has passed.</summary>
    Expired,
}
