using Flyte.Images;

namespace Flyte.Cli.Images;

/// <summary>
/// What a failed image build adds about its base image: which one it is, where it comes from and how to build on
/// another. Most first builds fail there (a registry that cannot be reached, or a mirror that lacks Flyte's image).
/// </summary>
internal static class BaseImageAdvice
{
    public static string For(Image image, bool declaredInCode)
    {
        if (declaredInCode)
        {
            return $"the image builds on {image.BaseImage}, as the project's [TaskImage] says; if that image cannot be pulled from here, change it there";
        }
        bool flyteBase = image.BaseImage.StartsWith(Image.DefaultBaseRegistry + "/flyte-dotnet:", StringComparison.Ordinal);
        return flyteBase
            ? $"the image builds on {image.BaseImage}, Flyte's .NET base image (the release workflow publishes it); if it cannot be pulled from here, "
              + "build on another image with the .NET runtime and a0: -p:FlyteBaseImage=<image> (flyte image push --base <image>)"
            : $"the image builds on {image.BaseImage}, given by FlyteBaseImage (--base); check that it can be pulled from here";
    }
}
