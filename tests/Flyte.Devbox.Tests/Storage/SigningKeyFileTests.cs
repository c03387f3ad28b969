using Flyte.Devbox.Storage;

namespace Flyte.Devbox.Tests.Storage;

public sealed class SigningKeyFileTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "flyte-devbox-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void The_key_is_random_per_folder_and_survives_a_restart()
    {
        var path = Path.Combine(_dataDirectory, "signing.key");

        var first = SigningKeyFile.LoadOrCreate(path);
        var again = SigningKeyFile.LoadOrCreate(path);
        var elsewhere = SigningKeyFile.LoadOrCreate(Path.Combine(_dataDirectory, "other", "signing.key"));

        Assert.Equal(SigningKeyFile.KeyLength, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, elsewhere);
        Assert.Single(Directory.EnumerateFiles(_dataDirectory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_damaged_key_file_is_a_clear_error()
    {
        Directory.CreateDirectory(_dataDirectory);
        var path = Path.Combine(_dataDirectory, "signing.key");
        File.WriteAllText(path, "short");

        var error = Assert.Throws<InvalidDataException>(() => SigningKeyFile.LoadOrCreate(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("delete it and start the devbox again", error.Message);
    }
}
