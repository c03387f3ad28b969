using Flyte.Runtime.Execution;
using Flyte.Storage;

namespace Flyte.Runtime.Tests;

/// <summary>
/// a0 reads and writes its local files with the C library's calls, to the local object store's rules: the same
/// content, the same errors, folders created, and no partial file left where a listing would see it.
/// </summary>
public sealed class LocalFilesTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "a0-local-files-" + Guid.NewGuid().ToString("N"));

    public LocalFilesTests()
    {
        Directory.CreateDirectory(_work);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_file_larger_than_the_first_read_is_read_whole()
    {
        byte[] content = new byte[100_000];
        new Random(5).NextBytes(content);
        string path = Path.Combine(_work, "inputs.pb");
        File.WriteAllBytes(path, content);

        Assert.Equal(content, LocalFiles.TryReadAll(path));
        Assert.Equal(content, LocalFiles.TryReadAll(new Uri(path).AbsoluteUri));
    }

    [Fact]
    public async Task What_is_no_regular_file_is_read_to_its_end_too()
    {
        // A named pipe has no size to read up front: the buffer grows as the writer's bytes arrive.
        string pipe = Path.Combine(_work, "inputs.pipe");
        var mkfifo = ChildProcess.Run("mkfifo", [pipe], new Dictionary<string, string?>(), TimeSpan.FromSeconds(30));
        Assert.Equal(0, mkfifo.ExitCode);
        byte[] content = new byte[40_000];
        new Random(7).NextBytes(content);
        var writer = Task.Run(() => File.WriteAllBytes(pipe, content));

        Assert.Equal(content, LocalFiles.TryReadAll(pipe));
        await writer;
    }

    [Fact]
    public void An_empty_file_reads_as_no_bytes()
    {
        string path = Path.Combine(_work, "empty.pb");
        File.WriteAllBytes(path, []);

        Assert.Empty(LocalFiles.TryReadAll(path)!);
    }

    [Fact]
    public void A_missing_file_or_a_folder_is_not_found_as_in_the_object_store()
    {
        string missing = Path.Combine(_work, "no", "inputs.pb");

        Assert.Equal(missing, Assert.Throws<ObjectNotFoundException>(() => LocalFiles.TryReadAll(missing)).Uri);
        Assert.Equal(_work, Assert.Throws<ObjectNotFoundException>(() => LocalFiles.TryReadAll(_work)).Uri);
    }

    [Fact]
    public void Other_locations_are_left_to_the_object_store()
    {
        Assert.Null(LocalFiles.TryReadAll("s3://bucket/run/inputs.pb"));
        Assert.False(LocalFiles.TryWrite("gs://bucket/run/outputs.pb", [1, 2, 3]));
    }

    [Fact]
    public void A_write_creates_the_folders_and_replaces_the_file_leaving_nothing_else()
    {
        string path = Path.Combine(_work, "a", "b", "c", "outputs.pb");

        Assert.True(LocalFiles.TryWrite(path, [1, 2, 3]));
        Assert.True(LocalFiles.TryWrite(path, [4, 5]));

        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_write_to_a_file_uri_lands_at_its_path()
    {
        string path = Path.Combine(_work, "out", "error.pb");

        Assert.True(LocalFiles.TryWrite(new Uri(path).AbsoluteUri, [9]));

        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_write_that_fails_names_the_file_and_leaves_no_partial_file()
    {
        // A file where the folder would have to be: neither it nor the target can be created.
        string blocker = Path.Combine(_work, "blocker");
        File.WriteAllBytes(blocker, [0]);
        string inside = Path.Combine(blocker, "outputs.pb");
        // The target is a folder: the partial file is written, but cannot be moved over it.
        string folder = Path.Combine(_work, "folder.pb");
        Directory.CreateDirectory(Path.Combine(folder, "child"));

        string below = Path.Combine(blocker, "sub", "outputs.pb");

        var notADirectory = Assert.Throws<IOException>(() => LocalFiles.TryWrite(inside, [1]));
        var noFolder = Assert.Throws<IOException>(() => LocalFiles.TryWrite(below, [1]));
        var isAFolder = Assert.Throws<IOException>(() => LocalFiles.TryWrite(folder, [1]));

        Assert.Contains(inside, notADirectory.Message);
        Assert.Contains(Path.Combine(blocker, "sub"), noFolder.Message);
        Assert.Contains(folder, isAFolder.Message);
        Assert.Equal(new[] { blocker }, Directory.GetFiles(_work, "*", SearchOption.AllDirectories));
    }
}
