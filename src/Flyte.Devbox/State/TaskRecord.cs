using System.Security.Cryptography;

namespace Flyte.Devbox.State;

/// <summary>A deployed task version: its serialized TaskSpec, never changed once stored.</summary>
/// <param name="SpecSha256">Lower-case hex SHA-256 of <paramref name="Spec"/>; <see cref="Create"/> computes it.</param>
public sealed record TaskRecord(TaskKey Key, byte[] Spec, string SpecSha256, DateTimeOffset CreatedAt)
{
    public static TaskRecord Create(TaskKey key, byte[] spec, DateTimeOffset createdAt) =>
        new(key, spec, Sha256Hex(spec), createdAt);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
