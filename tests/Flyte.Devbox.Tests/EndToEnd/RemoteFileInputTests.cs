using DevboxTests;
using Flyte.Remote;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// Local files and folders given to a remote run: uploaded through DataProxy first, content-addressed (running again
/// adds nothing to storage), the task getting their URIs in the devbox's storage; remote URIs pass as given.
/// </summary>
public sealed class RemoteFileInputTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private readonly string _scratch = Directory.CreateTempSubdirectory("remote-file-inputs-").FullName;
    private DevboxHarness _harness = null!;
    private FlyteRemote _remote = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });
        await _remote.DeployAsync(SampleOutputs.DevboxTestTasks, SampleTasks.All(SampleOutputs.DevboxTestTasks, Assembly));
    }

    public async Task DisposeAsync()
    {
        _remote.Dispose();
        await _harness.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    private string UploadsFolder => Path.Combine(_harness.DataDirectory, "store", "uploads");

    [Fact]
    public async Task A_local_file_is_uploaded_the_task_reads_it_from_storage_and_a_second_run_uploads_nothing_new()
    {
        string path = Path.Combine(_scratch, "lines.txt");
        await File.WriteAllTextAsync(path, "one\ntwo\nthree\n");

        var first = await Files.FlyteTasks.CountLines.RunRemoteAsync(_remote, new FlyteFile(path));
        Assert.Equal(3, await first.GetOutputAsync());
        var stored = StoredUploads();
        var second = await Files.FlyteTasks.CountLines.RunRemoteAsync(_remote, new FlyteFile(path));

        Assert.Equal(3, await second.GetOutputAsync());
        Assert.Equal(stored, StoredUploads());
        var uploaded = Assert.Single(stored);
        Assert.Equal("lines.txt", Path.GetFileName(uploaded));
        Assert.Equal("one\ntwo\nthree\n", await File.ReadAllTextAsync(Path.Combine(UploadsFolder, uploaded)));
    }

    [Fact]
    public async Task Remote_uris_pass_as_given_and_a_local_file_given_twice_is_one_upload()
    {
        string path = Path.Combine(_scratch, "data.csv");
        await File.WriteAllTextAsync(path, "a,b\n1,2\n");

        var run = await Files.FlyteTasks.UrisOf.RunRemoteAsync(_remote, [new FlyteFile(path), new FlyteFile("s3://bucket/data.csv", "csv"), new FlyteFile(new Uri(path).AbsoluteUri)]);
        var uris = await run.GetOutputAsync();

        Assert.Equal(3, uris.Count);
        Assert.StartsWith("file://", uris[0]);
        Assert.StartsWith(Path.GetFullPath(UploadsFolder) + Path.DirectorySeparatorChar, new Uri(uris[0]).LocalPath);
        Assert.Equal("a,b\n1,2\n", await File.ReadAllTextAsync(new Uri(uris[0]).LocalPath));
        Assert.Equal("s3://bucket/data.csv", uris[1]);
        Assert.Equal(uris[0], uris[2]);
        Assert.Single(StoredUploads());
    }

    [Fact]
    public async Task A_local_folder_is_uploaded_with_its_nested_and_hidden_files_once()
    {
        string folder = Path.Combine(_scratch, "folder");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(folder, ".hidden"), "h");
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "b.txt"), "b");

        var first = await Files.FlyteTasks.ListFiles.RunRemoteAsync(_remote, new FlyteDirectory(folder));
        Assert.Equal(new[] { ".hidden", "a.txt", "sub/b.txt" }, await first.GetOutputAsync());
        var stored = StoredUploads();
        var second = await Files.FlyteTasks.ListFiles.RunRemoteAsync(_remote, new FlyteDirectory(folder));

        Assert.Equal(new[] { ".hidden", "a.txt", "sub/b.txt" }, await second.GetOutputAsync());
        Assert.Equal(3, stored.Count);
        Assert.Equal(stored, StoredUploads());
    }

    [Fact]
    public async Task An_empty_local_folder_arrives_as_an_empty_folder()
    {
        string folder = Path.Combine(_scratch, "empty");
        Directory.CreateDirectory(folder);

        var run = await Files.FlyteTasks.ListFiles.RunRemoteAsync(_remote, new FlyteDirectory(folder));

        Assert.Empty(await run.GetOutputAsync());
        Assert.Empty(StoredUploads());
    }

    [Fact]
    public async Task A_local_path_that_does_not_exist_is_one_clear_error_naming_the_input_and_nothing_starts()
    {
        string missing = Path.Combine(_scratch, "missing.txt");
        int runsBefore = (await _remote.ListRunsAsync(limit: 1000)).Count;

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => Files.FlyteTasks.CountLines.RunRemoteAsync(_remote, new FlyteFile(missing)));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith($"input file: the local file {missing} does not exist;", error.Message);
        Assert.Equal(runsBefore, (await _remote.ListRunsAsync(limit: 1000)).Count);
        Assert.Empty(StoredUploads());
    }

    /// <summary>The objects uploaded to the devbox so far, as paths relative to its uploads folder, in order.</summary>
    private List<string> StoredUploads() => Directory.Exists(UploadsFolder)
        ? Directory.EnumerateFiles(UploadsFolder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(file => Path.GetRelativePath(UploadsFolder, file))
            .Where(file => !file.EndsWith(".tar.gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList()
        : [];
}
