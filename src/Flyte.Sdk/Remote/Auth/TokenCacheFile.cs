using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Flyte.Remote.Auth;

/// <summary>
/// Tokens kept between processes: one JSON file per endpoint under the user's flyte folder, created readable and
/// writable by the user alone (0600, in a 0700 folder), replaced whole on each write so a reader never sees half a file.
/// </summary>
internal sealed class TokenCacheFile(string directory, string endpoint)
{
    private const UnixFileMode UserOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode UserOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The file for the endpoint: a hash of it, so any address makes a valid file name.</summary>
    public string Path { get; } = System.IO.Path.Combine(directory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)))[..32].ToLowerInvariant() + ".json");

    /// <summary>The cached entry when it was written for this endpoint and <paramref name="flow"/>; null otherwise or when unreadable.</summary>
    public CachedToken? Read(string flow)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path));
            var root = json.RootElement;
            if (Text(root, "endpoint") != endpoint || Text(root, "flow") != flow || Text(root, "accessToken") is not { Length: > 0 } access)
            {
                return null;
            }
            var token = new TokenSet(access, Text(root, "refreshToken"), Time(root, "issuedAt") ?? DateTimeOffset.UnixEpoch, Time(root, "expiresAt"));
            return new CachedToken(token, Text(root, "headerKey") ?? AuthServerInfo.DefaultHeaderKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            // A missing, foreign or damaged cache is no error: the flow runs again.
            return null;
        }
    }

    public void Write(string flow, CachedToken cached)
    {
        PrepareFolder();
        // A name nobody can guess, created new: never a file (or link) someone else put there first.
        string partial = $"{Path}.{Guid.NewGuid():N}.partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UserOnlyFile;
        }
        try
        {
            WriteTo(partial, options, flow, cached);
            File.Move(partial, Path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Forgets the endpoint's tokens; true when there were any.</summary>
    public bool Delete()
    {
        if (!File.Exists(Path))
        {
            return false;
        }
        File.Delete(Path);
        return true;
    }

    /// <summary>Creates the folder as the user's alone, and takes group and other access away from one that exists already.</summary>
    private void PrepareFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        Directory.CreateDirectory(directory, UserOnlyFolder);
        if ((File.GetUnixFileMode(directory) & ~UserOnlyFolder) != 0)
        {
            File.SetUnixFileMode(directory, UserOnlyFolder);
        }
    }

    private void WriteTo(string partial, FileStreamOptions options, string flow, CachedToken cached)
    {
        using (var stream = new FileStream(partial, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("endpoint", endpoint);
            writer.WriteString("flow", flow);
            writer.WriteString("headerKey", cached.HeaderKey);
            writer.WriteString("accessToken", cached.Token.AccessToken);
            if (cached.Token.RefreshToken is { } refresh)
            {
                writer.WriteString("refreshToken", refresh);
            }
            writer.WriteString("issuedAt", cached.Token.IssuedAt);
            if (cached.Token.ExpiresAt is { } expires)
            {
                writer.WriteString("expiresAt", expires);
            }
            writer.WriteEndObject();
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}

