using System.Text;
using System.Text.Json;
using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

public class ImageCacheTests
{
    [Fact]
    public void Blob_decodes_to_environment_to_image_map()
    {
        string blob = ImageCacheBlob.Build(
            """{"image_lookup":{"quickstart":"ghcr.io/acme/quickstart:7f3a","train":"registry.local:5000/train@sha256:abc"},"build_run_ids":{}}""");

        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--image-cache", blob));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["quickstart"] = "ghcr.io/acme/quickstart:7f3a",
                ["train"] = "registry.local:5000/train@sha256:abc",
            },
            a.ImageCache);
        Assert.Equal(blob, a.ImageCacheTransport);
    }

    [Fact]
    public void Blob_written_by_python_gzip_decodes()
    {
        // flyte-sdk's ImageCache.to_transport for the JSON below: Python's gzip with mtime=0, then base64.
        // {"image_lookup":{"quickstart":"ghcr.io/acme/quickstart:7f3a","py-env":"ghcr.io/acme/py:3.12"},"build_run_ids":{}}
        const string blob = "H4sIAAAAAAAC/13MTQqAIBRG0b18YzPKQeBmxMzq0Y9mGYi495oFje/hZtCmJ6tW55boITOOSGY5Lx0uSEyzCZxcrc1m66/IbhQaDD5Vdr//zicpeNOiMPSR1kGFuCsazvdeygP0mYXRcQAAAA==";

        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--image-cache", blob));

        Assert.Equal(2, a.ImageCache.Count);
        Assert.Equal("ghcr.io/acme/quickstart:7f3a", a.ImageCache["quickstart"]);
        Assert.Equal("ghcr.io/acme/py:3.12", a.ImageCache["py-env"]);
    }

    [Fact]
    public void Escapes_and_non_ascii_text_decode_like_system_text_json()
    {
        const string json = """
            {
              "build_run_ids": {"quickstart": {"name": "r\"1", "n": [1, -2.5e3, true, false, null, {"x": []}]}},
              "image_lookup": {
                "caf\u00e9": "ghcr.io/acme/caf\u00e9:1",
                "emoji-\ud83d\ude80": "ghcr.io/acme/rocket:1",
                "plain-é": "reg.local\/x:\"quoted\"\\tab\t",
                "quickstart": "ghcr.io/acme/first:1",
                "quickstart": "ghcr.io/acme/last:2"
              },
              "serialized_form": null
            }
            """;

        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--image-cache", ImageCacheBlob.Build(json)));

        Assert.Equal(ExpectedBySystemTextJson(json), a.ImageCache);
        Assert.Equal("ghcr.io/acme/café:1", a.ImageCache["café"]);
        Assert.Equal("ghcr.io/acme/rocket:1", a.ImageCache["emoji-\U0001F680"]);
        Assert.Equal("reg.local/x:\"quoted\"\\tab\t", a.ImageCache["plain-é"]);
        Assert.Equal("ghcr.io/acme/last:2", a.ImageCache["quickstart"]);
    }

    [Theory]
    [InlineData("""{"image_lookup":{"a":"x"}} trailing""")]
    [InlineData("""{"image_lookup":{"a":"x"}""")]
    [InlineData("""{"image_lookup":{"a":"x",}}""")]
    [InlineData("""{"image_lookup":{"a" "x"}}""")]
    [InlineData("""{"image_lookup":{"a":"x\q"}}""")]
    [InlineData("""{"image_lookup":{"a":"x\u12"}}""")]
    [InlineData("""{"image_lookup":{"a":"x"},"other":tru}""")]
    [InlineData("""{"image_lookup":{"a":"x"},"other":[1,]}""")]
    [InlineData("""{'image_lookup':{}}""")]
    [InlineData("  ")]
    public void Malformed_json_is_an_error(string json)
    {
        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", ImageCacheBlob.Build(json)));

        Assert.StartsWith("--image-cache does not hold valid JSON after base64 and gzip decoding (stopped at byte ", error);
    }

    [Fact]
    public void Deeply_nested_json_is_an_error_not_a_crash()
    {
        string json = "{\"image_lookup\":{},\"deep\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", ImageCacheBlob.Build(json)));

        Assert.StartsWith("--image-cache does not hold valid JSON", error);
    }

    [Theory]
    [InlineData("""[{"image_lookup":{}}]""")]
    [InlineData("\"image_lookup\"")]
    [InlineData("""{}""")]
    [InlineData("""{"image_lookup":["a","x"]}""")]
    [InlineData("""{"image_lookup":null}""")]
    public void Well_formed_json_of_another_shape_is_an_error(string json)
    {
        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", ImageCacheBlob.Build(json)));

        Assert.Equal("--image-cache JSON has no \"image_lookup\" object mapping environment names to image URIs", error);
    }

    [Theory]
    [InlineData("1", "number")]
    [InlineData("true", "boolean")]
    [InlineData("null", "null")]
    [InlineData("[\"x\"]", "array")]
    public void Entry_of_another_kind_is_an_error_naming_the_kind(string value, string kind)
    {
        string error = CommandLines.ParseError(
            CommandLines.Minimal("--image-cache", ImageCacheBlob.Build("""{"image_lookup":{"ok":"x","bad":""" + value + "}}")));

        Assert.Equal($"--image-cache entry \"bad\" is not an image URI string (found JSON {kind})", error);
    }

    [Fact]
    public void Empty_lookup_decodes_to_an_empty_map()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--image-cache", ImageCacheBlob.Build("""{"image_lookup":{}}""")));

        Assert.Empty(a.ImageCache);
    }

    [Fact]
    public void Absent_image_cache_is_an_empty_map()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal());

        Assert.Empty(a.ImageCache);
        Assert.Null(a.ImageCacheTransport);
    }

    [Fact]
    public void Not_base64_is_an_error()
    {
        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", "not*base64!"));

        Assert.StartsWith("--image-cache is not valid base64", error);
    }

    [Fact]
    public void Base64_of_plain_json_is_an_error_naming_gzip()
    {
        string plain = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"image_lookup":{}}"""));

        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", plain));

        Assert.StartsWith("--image-cache is base64 but not gzip", error);
    }

    [Fact]
    public void Gzipped_text_that_is_not_json_is_an_error()
    {
        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", ImageCacheBlob.Build("image_lookup")));

        Assert.StartsWith("--image-cache does not hold valid JSON", error);
    }

    [Fact]
    public void Json_without_image_lookup_is_an_error()
    {
        string error = CommandLines.ParseError(
            CommandLines.Minimal("--image-cache", ImageCacheBlob.Build("""{"quickstart":"ghcr.io/acme/quickstart:1"}""")));

        Assert.Equal("--image-cache JSON has no \"image_lookup\" object mapping environment names to image URIs", error);
    }

    [Fact]
    public void Entry_that_is_not_a_string_is_an_error_naming_the_environment()
    {
        // Older flyte-sdk releases keyed images by Python version under each environment.
        string blob = ImageCacheBlob.Build("""{"image_lookup":{"auto":{"3.10":"ghcr.io/flyteorg/flyte:b344"}}}""");

        string error = CommandLines.ParseError(CommandLines.Minimal("--image-cache", blob));

        Assert.Equal("--image-cache entry \"auto\" is not an image URI string (found JSON object)", error);
    }

    // The reference reading: the same document through System.Text.Json.
    private static Dictionary<string, string> ExpectedBySystemTextJson(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var expected = new Dictionary<string, string>();
        foreach (JsonProperty entry in document.RootElement.GetProperty("image_lookup").EnumerateObject())
        {
            expected[entry.Name] = entry.Value.GetString()!;
        }
        return expected;
    }
}
