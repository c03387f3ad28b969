using System.Security.Cryptography;
using Flyte.Devbox.Storage;

namespace Flyte.Devbox.Tests.Storage;

public sealed class SignedUrlsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Md5 = MD5.HashData("x"u8);

    [Fact]
    public void A_url_carries_operation_expiry_md5_and_signature_under_the_current_base_address()
    {
        string baseAddress = "http://127.0.0.1:1111/";
        var urls = new SignedUrls(Key, () => baseAddress);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000);

        var first = urls.ForUpload("a b/c.txt", Md5, expiresAt);
        baseAddress = "http://127.0.0.1:2222";
        var second = urls.ForUpload("a b/c.txt", Md5, expiresAt);

        Assert.StartsWith("http://127.0.0.1:1111/storage/a%20b/c.txt?op=put&expires=2000000000&md5=", first);
        Assert.Contains($"&md5={Uri.EscapeDataString(Convert.ToBase64String(Md5))}&sig=", first);
        Assert.StartsWith("http://127.0.0.1:2222/storage/", second);
    }

    [Fact]
    public void The_signature_checks_out_only_for_what_was_signed()
    {
        var urls = new SignedUrls(Key, () => "http://h");
        var md5 = Convert.ToBase64String(Md5);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString();
        var signature = SignatureOf(urls.ForUpload("a/b", Md5, DateTimeOffset.FromUnixTimeSeconds(long.Parse(expires))));

        Assert.Equal(SignatureCheck.Valid, urls.Check(StorageOperation.Put, "a/b", expires, md5, signature));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Get, "a/b", expires, md5, signature));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Put, "a/c", expires, md5, signature));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Put, "a/b", expires + "0", md5, signature));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Put, "a/b", expires, "", signature));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Put, "a/b", expires, md5, null));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Put, "a/b", expires, md5, "not base64url!"));
        Assert.Equal(SignatureCheck.Invalid, urls.Check(StorageOperation.Put, "a/b", expires, md5, signature + signature));
        Assert.Equal(SignatureCheck.Invalid, new SignedUrls(RandomNumberGenerator.GetBytes(32), () => "http://h").Check(StorageOperation.Put, "a/b", expires, md5, signature));
    }

    [Fact]
    public void A_genuine_signature_past_its_expiry_is_expired()
    {
        var urls = new SignedUrls(Key, () => "http://h");
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        var signature = SignatureOf(urls.ForDownload("a/b", expiresAt));

        var check = urls.Check(StorageOperation.Get, "a/b", expiresAt.ToUnixTimeSeconds().ToString(), "", signature);

        Assert.Equal(SignatureCheck.Expired, check);
    }

    [Fact]
    public void Short_keys_md5s_of_the_wrong_size_and_bad_paths_are_refused()
    {
        var urls = new SignedUrls(Key, () => "http://h");

        Assert.Throws<ArgumentException>(() => new SignedUrls(new byte[16], () => "http://h"));
        Assert.Throws<ArgumentException>(() => urls.ForUpload("a", new byte[3], DateTimeOffset.UtcNow));
        Assert.Throws<ArgumentException>(() => urls.ForDownload("../a", DateTimeOffset.UtcNow));
    }

    private static string SignatureOf(string url) => url[(url.IndexOf("&sig=", StringComparison.Ordinal) + "&sig=".Length)..];
}
