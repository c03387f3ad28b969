using System.IO.Compression;
using System.Security.Cryptography;
using Google.Protobuf;

namespace Flyte.Images.Tests.Remote;

/// <summary>
/// The spec and the build context a C# user's remote build sends are the ones flyte-sdk's remote builder would send for
/// the same image (flyteorg/flyte-sdk src/flyte/_internal/imagebuild/remote_builder.py, <c>_get_layers_proto</c> and
/// <c>_validate_configuration</c>; utils.py <c>copy_files_to_context</c>; _code_bundle/_utils.py
/// <c>tar_strip_file_attributes</c>). The answers are printed by tools/known-answers/remote-build.py, which follows
/// flyte-sdk's code with Python's own tarfile and gzip and encodes the protobuf message by hand; its docstring gives the
/// image in flyte-sdk's terms. The compressed bytes are compared through their header and content only: the deflate
/// stream of zlib-ng (.NET) and of zlib (Python) may differ at the same level.
/// </summary>
public sealed class RemoteBuildKnownAnswerTests : IDisposable
{
    private const string SpecHex =
        "0a22676863722e696f2f666c7974656f72672f666c7974652d646f746e65743a31302e301a0c0a0a0a046375726c0a026a711a1b1a1912176563686f206275696c74203e202f"
        + "6275696c742e7478741a161a14121274657374202d73202f6275696c742e7478741a294a270a0c0a07415f46495253541201310a170a084752454554494e47120b68656c6c6f"
        + "20776f726c641a303a2e0a14636f6e6669672f73657474696e67732e6a736f6e12162f6574632f6170702f73657474696e67732e6a736f6e1a363a340a225f666c7974655f"
        + "6162735f636f6e746578742f7368617265642f646174612e747874120e2f646174612f646174612e7478741a153a130a0b62696e2f7075626c69736812042f6170701a083206"
        + "0a042f617070";

    private const string TarSha256 = "99b8924402ea9dd5062e630108228621d08dba17d282f475c597bd0eb3287aac";
    private const int TarLength = 30720;
    private const string GzipHeaderHex = "1f8b08080000000002ff636f6e746578742e74617200";

    private readonly TestDirectory _root = new();
    private readonly string _context;

    public RemoteBuildKnownAnswerTests()
    {
        Write("project/config/settings.json", "{\"mode\": \"remote\"}\n", executable: false);
        Write("shared/data.txt", "shared data\n", executable: false);
        Write("project/bin/publish/App.dll", string.Concat(Enumerable.Repeat("not really an assembly\n", 40)), executable: false);
        Write("project/bin/publish/a0.sh", "#!/bin/sh\nexec a0 \"$@\"\n", executable: true);
        Write("project/bin/publish/runtimes/linux-x64/native.so", "native\n", executable: false);
        _context = _root.Combine("context");
        Directory.CreateDirectory(_context);
    }

    private static Image TheImage() =>
        Image.ForDotnet("10.0")
            .WithAptPackages("curl", "jq")
            .WithCommands("echo built > /built.txt", "test -s /built.txt")
            .WithEnvironment("GREETING", "hello world")
            .WithEnvironment("A_FIRST", "1")
            .WithFile("config/settings.json", "/etc/app/settings.json")
            .WithFile("../shared/data.txt", "/data/data.txt");

    private ImageSpecAndContext Prepare() =>
        new(RemoteBuildSpec.Prepare(TheImage(), _root.Combine("project/bin/publish"), _root.Combine("project"), _context));

    [Fact]
    public void The_spec_is_the_one_flyte_sdk_serializes()
    {
        var prepared = Prepare();
        Assert.Equal(SpecHex, Convert.ToHexStringLower(prepared.Spec.ToByteArray()));
    }

    [Fact]
    public void The_context_tarball_holds_the_bytes_flyte_sdk_archives_under_its_gzip_header()
    {
        Prepare();
        using var compressed = new MemoryStream();
        RemoteContextArchive.WriteTarGz(_context, compressed);
        byte[] gz = compressed.ToArray();
        Assert.Equal(GzipHeaderHex, Convert.ToHexStringLower(gz.AsSpan(0, GzipHeaderHex.Length / 2)));

        // GZipStream checks the CRC-32 and length of the trailer against what it inflates.
        using var inflated = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }
        Assert.Equal(TarLength, inflated.Length);
        Assert.Equal(TarSha256, Convert.ToHexStringLower(SHA256.HashData(inflated.ToArray())));
    }

    [Fact]
    public void The_context_holds_the_files_where_the_spec_says()
    {
        var spec = Prepare().Spec;
        var copies = spec.Layers.Where(layer => layer.CopyConfig is not null).Select(layer => layer.CopyConfig.Src).ToList();
        Assert.Equal(["config/settings.json", "_flyte_abs_context/shared/data.txt", "bin/publish"], copies);
        Assert.True(File.Exists(Path.Combine(_context, "config", "settings.json")));
        Assert.True(File.Exists(Path.Combine(_context, "_flyte_abs_context", "shared", "data.txt")));
        Assert.True(File.Exists(Path.Combine(_context, "bin", "publish", "runtimes", "linux-x64", "native.so")));
    }

    // Each pair checked against flyte-sdk's expression in Python: os.path.relpath(os.path.normpath(context / "_flyte_abs_context" /
    // PurePath(*src.parts[1:]) if src.is_absolute() or ".." in str(src) else context / src), context).
    [Theory]
    [InlineData("config/a.json", "config/a.json")]
    [InlineData("./config//a.json", "config/a.json")]
    [InlineData("../shared/a.txt", "_flyte_abs_context/shared/a.txt")]
    // flyte-sdk drops only the first "..", and normpath folds the second into _flyte_abs_context: the file lands at up/a.txt.
    [InlineData("../../up/a.txt", "up/a.txt")]
    [InlineData("/tmp/x/a.txt", "_flyte_abs_context/tmp/x/a.txt")]
    public void Sources_go_where_copy_files_to_context_puts_them(string source, string inContext) =>
        Assert.Equal(inContext, RemoteBuildSpec.ContextPath(source));

    [Fact]
    // Python 3.11: tarfile.TarInfo("n" * 120 + ".txt", mtime=347155200.0).tobuf(tarfile.PAX_FORMAT) has this payload.
    public void A_long_name_gets_a_pax_path_record_before_its_header()
    {
        string longName = new string('n', 120) + ".txt";
        File.WriteAllText(Path.Combine(_context, longName), "x");
        using var tar = new MemoryStream();
        RemoteContextArchive.WriteTar(_context, tar);
        string firstPayload = System.Text.Encoding.ASCII.GetString(tar.ToArray(), 512, 512).TrimEnd('\0');
        Assert.Equal($"134 path={longName}\n21 mtime=347155200.0\n", firstPayload);
    }

    private void Write(string relativePath, string content, bool executable)
    {
        string path = _root.Write(relativePath, content);
        // The known answers are for Unix file modes (on Windows the archive writes 0755 folders and 0644 files too).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        }
    }

    public void Dispose() => _root.Dispose();

    private sealed record ImageSpecAndContext(Flyteidl2.Imagebuilder.ImageSpec Spec);
}
