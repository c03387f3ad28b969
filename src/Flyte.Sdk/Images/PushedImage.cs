namespace Flyte.Images;

/// <summary>
/// The task image pushed for a build (<c>flyte image push</c>, <c>dotnet publish -p:FlytePushImage=true</c>): a deploy
/// of that build runs the tasks that name no image of their own in it.
/// </summary>
/// <param name="Reference">The pushed image, as a registry reference with its content tag.</param>
/// <param name="CodeInImage">The image's a0 has the project's tasks compiled in (a native a0): a deploy ships no code bundle.</param>
public sealed record PushedImage(string Reference, bool CodeInImage = false);
