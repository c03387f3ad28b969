namespace Flyte.Devbox.State;

/// <param name="SealedValue">The value, encrypted (Secrets.SecretCipher); never the plain value.</param>
/// <param name="IsBinary">The value came as <c>binary_value</c> rather than <c>string_value</c>.</param>
/// <param name="Type">flyteidl2's SecretType: 0 generic, 1 image pull secret.</param>
public sealed record SecretRecord(SecretKey Key, byte[] SealedValue, bool IsBinary, int Type, DateTimeOffset CreatedAt);
