namespace Flyte.Images;

/// <summary>A build or push failed: the message names the image and the reason.</summary>
public sealed class ImageBuildException(string message, Exception? inner = null) : Exception(message, inner);
