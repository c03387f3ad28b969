using System.Reflection;
using System.Runtime.Versioning;

namespace Flyte;

/// <summary>Facts about this SDK that travel in task metadata.</summary>
public static class SdkInfo
{
    /// <summary>The runtime flavor Flyte records for tasks written with this SDK.</summary>
    public const string Flavor = "csharp";

    /// <summary>This SDK's version, as its package has it.</summary>
    public static string Version { get; } =
        typeof(SdkInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The .NET version this build of the SDK targets, e.g. <c>10.0</c>: the runtime of its default task image.</summary>
    public static string DotnetVersion { get; } =
        typeof(SdkInfo).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName.Split("Version=v")[^1] ?? "10.0";
}
