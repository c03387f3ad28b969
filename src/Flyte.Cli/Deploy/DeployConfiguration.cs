using Flyte.Cli.Images;
using Flyte.Cli.Loading;

namespace Flyte.Cli.Deploy;

/// <summary>
/// Which build of a project <c>flyte deploy</c> (and a remote <c>flyte run</c>, which deploys it when needed) deploys. <c>dotnet publish -p:FlytePushImage=true</c> pushes the image of
/// the Release build (publish's default) and records it beside that build's artifacts; a deploy that built Debug would
/// run its tasks in the base image instead. So without <c>-c</c>, a deploy takes the Release build when an image was
/// pushed for it and none for the default build, and says so.
/// </summary>
internal static class DeployConfiguration
{
    public const string Release = "Release";

    /// <returns>The configuration to build (null: the project's default), and a line that explains a choice the user did not make.</returns>
    public static async Task<(string? Configuration, string? Explanation)> ChooseAsync(
        string projectPath, string? requested, string? artifactsPath, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (requested is not null)
        {
            return (requested, null);
        }
        // Release first: without an image pushed for it (the common case) one MSBuild query decides.
        string releaseOutput = Path.GetDirectoryName(await ProjectBuild.TargetPathAsync(projectPath, Release, artifactsPath, environment, cancellationToken).ConfigureAwait(false))!;
        if (PushedImageFile.ReadForBuild(releaseOutput) is not { } pushed)
        {
            return (null, null);
        }
        string defaultOutput = Path.GetDirectoryName(await ProjectBuild.TargetPathAsync(projectPath, null, artifactsPath, environment, cancellationToken).ConfigureAwait(false))!;
        if (PathsEqual(defaultOutput, releaseOutput) || PushedImageFile.ReadForBuild(defaultOutput) is not null)
        {
            return (null, null);
        }
        return (Release, $"Deploying the Release build: 'dotnet publish -p:FlytePushImage=true' pushed {pushed.Reference} for it, and its tasks run in that image (-c Debug deploys the Debug build, in the base image).");
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
