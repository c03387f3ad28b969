using System.Security.Cryptography;
using System.Text;

namespace Flyte.Devbox.Secrets;

/// <summary>
/// Encrypts secret values for the database with AES-256-GCM under the devbox's secrets key (docs/secrets.md). Each value
/// gets a fresh nonce, and the secret's identity is authenticated with it, so a value copied to another secret's row
/// does not decrypt there.
/// </summary>
public sealed class SecretCipher(byte[] key)
{
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _key = key.Length == 32 ? key : throw new ArgumentException("the secrets key has 32 bytes", nameof(key));

    /// <returns>nonce, tag, then the ciphertext.</returns>
    public byte[] Encrypt(ReadOnlySpan<byte> value, string identity)
    {
        var sealedValue = new byte[NonceLength + TagLength + value.Length];
        var nonce = sealedValue.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, value, sealedValue.AsSpan(NonceLength + TagLength), sealedValue.AsSpan(NonceLength, TagLength), Encoding.UTF8.GetBytes(identity));
        return sealedValue;
    }

    /// <exception cref="CryptographicException">The value was not sealed under this key for this identity.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> sealedValue, string identity)
    {
        if (sealedValue.Length < NonceLength + TagLength)
        {
            throw new CryptographicException("a sealed secret is shorter than its nonce and tag");
        }
        var value = new byte[sealedValue.Length - NonceLength - TagLength];
        using var aes = new AesGcm(_key, TagLength);
        aes.Decrypt(sealedValue[..NonceLength], sealedValue[(NonceLength + TagLength)..], sealedValue.Slice(NonceLength, TagLength), value, Encoding.UTF8.GetBytes(identity));
        return value;
    }
}
