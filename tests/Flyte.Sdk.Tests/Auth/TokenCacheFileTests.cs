using Flyte.Remote.Auth;

namespace Flyte.Sdk.Tests.Auth;

public sealed class TokenCacheFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("flyte-tokens-");

    private string Folder => Path.Combine(_folder.FullName, "tokens");

    private static CachedToken Sample(string access = "access-1") => new(
        new TokenSet(access, "refresh-1", DateTimeOffset.Parse("2026-12-06T10:00:00Z"), DateTimeOffset.Parse("2026-12-06T11:00:00Z")),
        "flyte-authorization");

    [Fact]
    public void A_written_token_reads_back_for_the_same_endpoint_and_flow()
    {
        var cache = new TokenCacheFile(Folder, "https://flyte.example.com");

        cache.Write("Pkce:", Sample());

        Assert.Equal(Sample(), cache.Read("Pkce:"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_file_and_its_folder_are_the_users_alone()
    {
        var cache = new TokenCacheFile(Folder, "https://flyte.example.com");

        cache.Write("Pkce:", Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Folder));
        Assert.Single(Directory.GetFiles(Folder));
    }

    [Fact]
    public void Each_endpoint_has_its_own_file_and_another_flows_token_is_not_used()
    {
        var first = new TokenCacheFile(Folder, "https://one.example.com");
        var second = new TokenCacheFile(Folder, "https://two.example.com");

        first.Write("ClientSecret:flyte-ci", Sample("one"));

        Assert.NotEqual(first.Path, second.Path);
        Assert.Null(second.Read("ClientSecret:flyte-ci"));
        Assert.Null(first.Read("Pkce:"));
        Assert.Equal("one", first.Read("ClientSecret:flyte-ci")!.Token.AccessToken);
    }

    [Fact]
    public void A_damaged_file_is_no_token_and_no_error()
    {
        var cache = new TokenCacheFile(Folder, "https://flyte.example.com");
        Directory.CreateDirectory(Folder);
        File.WriteAllText(cache.Path, "{ not json");

        Assert.Null(cache.Read("Pkce:"));
    }

    [Fact]
    public void Delete_forgets_the_endpoints_tokens()
    {
        var cache = new TokenCacheFile(Folder, "https://flyte.example.com");
        cache.Write("Pkce:", Sample());

        Assert.True(cache.Delete());
        Assert.False(File.Exists(cache.Path));
        Assert.False(cache.Delete());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
