using System.Diagnostics;

namespace Flyte.Runtime.Execution;

/// <summary>
/// A task assembly runs against a0's own Flyte.Sdk, not the copy in its code folder (see <see cref="TaskAssemblyLoader"/>).
/// When the two differ and the assembly fails to load, that difference is the likely cause (an old base image's a0 and
/// code built with a newer SDK): the error says so, with both versions and how to fix it, instead of only the runtime's
/// "type initializer for '&lt;Module&gt;' threw".
/// </summary>
internal static class SdkVersionMismatch
{
    public const string Code = "SdkVersionMismatch";

    /// <summary>What a load failure of the kind a version difference causes looks like.</summary>
    public static bool IsBindingFailure(Exception e) =>
        e is TypeInitializationException or MissingMemberException or TypeLoadException or FileLoadException;

    /// <summary>The Flyte.Sdk version of the code in <paramref name="codeDirectory"/>, or null when it carries no Flyte.Sdk.dll.</summary>
    public static string? CodeSdkVersion(string codeDirectory)
    {
        string path = Path.Combine(codeDirectory, "Flyte.Sdk.dll");
        return File.Exists(path) && FileVersionInfo.GetVersionInfo(path).ProductVersion is { Length: > 0 } version
            ? version.Split('+')[0]
            : null;
    }

    /// <summary>
    /// The one-line explanation when the code in <paramref name="codeDirectory"/> was built with another Flyte.Sdk than
    /// this a0's (<paramref name="a0SdkVersion"/>); null when the versions agree or the code carries no Flyte.Sdk.dll.
    /// </summary>
    public static string? Explain(string codeDirectory, string a0SdkVersion)
    {
        string? codeVersion = CodeSdkVersion(codeDirectory);
        return codeVersion is null || string.Equals(codeVersion, a0SdkVersion, StringComparison.Ordinal)
            ? null
            : $"the code was built with Flyte.Sdk {codeVersion} and this image's a0 has Flyte.Sdk {a0SdkVersion}: run the tasks in a base image "
              + $"of Flyte.Sdk {codeVersion} (set FlyteBaseImage, or images.default in the config, and push the task image again), or build them with Flyte.Sdk {a0SdkVersion}";
    }
}
