namespace Flyte.Sdk.Tests;

/// <summary>A test of something Windows does not have (symbolic links without privileges): reported as skipped there, not passed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs symbolic links, which Windows creates only with privileges";
        }
    }
}
