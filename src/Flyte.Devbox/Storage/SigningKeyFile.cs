using System.Security.Cryptography;

namespace Flyte.Devbox.Storage;

/// <summary>
/// A random key of the devbox, kept in a file of its data folder (readable by the devbox's user only) so that it outlives
/// restarts: the URL signing key, so that signed URLs handed out before a restart still work after it, and the secrets
/// key, so that stored secrets can still be read. Each data folder gets its own keys.
/// </summary>
public static class SigningKeyFile
{
    public const int KeyLength = 32;

    /// <summary>Reads the URL signing key at <paramref name="path"/>, creating a random one the first time.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not hold a key.</exception>
    public static byte[] LoadOrCreate(string path) => LoadOrCreate(path, "signing key", "signed URLs handed out earlier stop working");

    /// <summary>Reads the key at <paramref name="path"/>, creating a random one the first time.</summary>
    /// <param name="purpose">What the key is, for the error: "signing key".</param>
    /// <param name="lostWithIt">What replacing the key costs, for the error.</param>
    /// <exception cref="InvalidDataException">The file exists but does not hold a key.</exception>
    public static byte[] LoadOrCreate(string path, string purpose, string lostWithIt)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            Create(path);
        }
        var key = File.ReadAllBytes(path);
        if (key.Length != KeyLength)
        {
            throw new InvalidDataException(
                $"{path} is not a devbox {purpose} (it has {key.Length} bytes, not {KeyLength}); delete it and start the devbox again ({lostWithIt}).");
        }
        return key;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Path.GetRandomFileName();
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // A secret: readable by the devbox's user only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temporary, options))
            {
                file.Write(RandomNumberGenerator.GetBytes(KeyLength));
            }
            // Not overwriting: when two devboxes start on one folder at once, both end up with the first key written.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
