using System.Collections;

namespace Flyte.Packages.Tests.Infrastructure;

/// <summary>
/// What the dotnet commands a test runs see, as on a user's machine that has never used Flyte: a fresh home folder and
/// working folder outside this repository (so none of its Directory.Build.props, nuget.config or .flyte/ applies), and
/// this process's variables without those that configure Flyte or a cloud (docs/test-isolation.md). NuGet's package
/// folder and the .NET first-run state stay the machine's: the build tools are not under test, and in a fresh home
/// they would download every package again. Deleted when disposed.
/// </summary>
internal sealed class UserEnvironment : IDisposable
{
    /// <summary>Variables that configure Flyte, its object stores or their credentials: never taken from the process.</summary>
    private static readonly string[] ConfiguringPrefixes = ["FLYTE", "AWS_", "AZURE_", "GOOGLE_", "GCE_", "STORAGE_EMULATOR_HOST", "EAGER_API_KEY"];

    private readonly Dictionary<string, string?> _variables = [];

    public UserEnvironment()
    {
        Root = Path.Combine(Path.GetTempPath(), "flyte-packages-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkingDirectory);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (ConfiguringPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                _variables[name] = null;
            }
        }
        _variables[OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME"] = Home;
        _variables["NUGET_PACKAGES"] = PackagesFolder;
        _variables["DOTNET_CLI_HOME"] = ProcessVariable("DOTNET_CLI_HOME") ?? MachineHome;
        _variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _variables["DOTNET_NOLOGO"] = "1";
        // Nothing the commands do needs the network: Flyte's packages come from the feed, the rest from the package
        // folder. Two checks would still ask nuget.org: the SDK's workload update notice and NuGet's vulnerability audit
        // (an MSBuild property, which MSBuild also reads from the environment).
        _variables["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        _variables["NuGetAudit"] = "false";
        // A build server left behind would outlive the test and keep its folder open.
        _variables["MSBUILDDISABLENODEREUSE"] = "1";
        _variables["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
    }

    /// <summary>The machine's NuGet package folder, which the user's restores share.</summary>
    public static string PackagesFolder => ProcessVariable("NUGET_PACKAGES") ?? Path.Combine(MachineHome, ".nuget", "packages");

    private static string MachineHome => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Everything of this user: home, working folder and whatever a test adds (a template hive, a feed's config).</summary>
    public string Root { get; }

    /// <summary>The home folder: empty, so there is no ~/.flyte and no local cache from an earlier run.</summary>
    public string Home => Path.Combine(Root, "home");

    /// <summary>Where the user works: outside any git repository, with nothing above it that MSBuild or NuGet would read.</summary>
    public string WorkingDirectory => Path.Combine(Root, "work");

    public IReadOnlyDictionary<string, string?> Variables => _variables;

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="directory"/>; fails the test with its output unless it succeeds.</summary>
    public string Dotnet(string directory, TimeSpan timeout, params string[] arguments)
    {
        var result = ChildProcess.Run("dotnet", arguments, _variables, timeout, directory);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} (in {directory}) exited with {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    private static string? ProcessVariable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a test's result does not depend on it.
        }
    }
}
