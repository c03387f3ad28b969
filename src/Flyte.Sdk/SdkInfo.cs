using System.Reflection;

namespace Flyte;

/// <summary>Facts about this SDK that travel in task metadata.</summary>
public static class SdkInfo
{
    /// <summary>The runtime flavor Flyte records for tasks written with this SDK.</summary>
    public const string Flavor = "csharp";

    public static string Version { get; } =
        typeof(SdkInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
