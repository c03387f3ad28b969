using Flyte.Generation;
using Flyte.Images;
using Flyte.Runtime.CommandLine;
using Flyte.Tasks;

namespace Flyte.Runtime.Tests;

/// <summary>What a deploy writes as <c>--image-cache</c> is what a0 reads back.</summary>
public class ImageCacheTransportTests
{
    [Fact]
    public void Encoded_images_parse_back_in_a0()
    {
        var images = new Dictionary<string, string>
        {
            ["quickstart"] = "ghcr.io/acme/quickstart:7f3a",
            ["train"] = "registry.local:5000/train@sha256:abc",
            ["café-\"quoted\""] = "reg.local/x:\\1",
        };
        string blob = ImageCacheTransport.Encode(images);

        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--image-cache", blob));

        Assert.Equal(images, a.ImageCache);
        Assert.Equal(blob, a.ImageCacheTransport);
    }

    [Fact]
    public void The_same_images_in_any_order_encode_the_same()
    {
        var forward = new Dictionary<string, string> { ["a"] = "img/a:1", ["b"] = "img/b:1" };
        var backward = new Dictionary<string, string> { ["b"] = "img/b:1", ["a"] = "img/a:1" };

        Assert.Equal(ImageCacheTransport.Encode(forward), ImageCacheTransport.Encode(backward));
    }

    [Fact]
    public void A_task_spec_from_a_deploy_carries_the_cache_into_a0s_arguments()
    {
        var settings = new TaskTemplateSettings
        {
            Version = "v1",
            DefaultImage = "registry.local/tasks:1",
            ImageCache = ImageCacheTransport.Encode(new Dictionary<string, string> { ["quickstart"] = "registry.local/tasks:1" }),
        };
        var declaration = new TaskDeclaration
        {
            Name = "quickstart.Square", EnvironmentName = "quickstart", ShortName = "Square", MethodName = "Tasks.Square", AssemblyName = "Quickstart",
            Policy = new TaskPolicy(),
        };

        var args = ContainerArguments.For(declaration, settings);

        string transport = args[args.ToList().IndexOf("--image-cache") + 1];
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--image-cache", transport));
        Assert.Equal("registry.local/tasks:1", a.ImageCache["quickstart"]);
    }
}
