using System.Collections;

namespace Flyte.Cli.Tests.Infrastructure;

/// <summary>
/// Surroundings of the flyte command that share nothing with the user's: a fresh home folder and working directory, and
/// this process's variables without any that configure Flyte or a cloud (FLYTE_*, AWS_*, Azure, Google), so no config
/// file, endpoint, credential or token of the machine running the tests is read. A test adds the variables it means.
/// Deleted when disposed.
/// </summary>
internal sealed class HermeticEnvironment : IDisposable
{
    /// <summary>Variables that configure Flyte, its object stores or their credentials: never taken from the process.</summary>
    private static readonly string[] ConfiguringPrefixes = ["FLYTE", "AWS_", "AZURE_", "GOOGLE_", "GCE_", "STORAGE_EMULATOR_HOST", "EAGER_API_KEY"];

    private readonly TemporaryDirectory _root = new();

    public HermeticEnvironment(IReadOnlyDictionary<string, string>? variables = null)
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkingDirectory);
        var chosen = new Dictionary<string, string>();
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (!ConfiguringPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                chosen[name] = (string?)entry.Value ?? "";
            }
        }
        chosen[OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME"] = Home;
        // The .NET SDK the command starts (dotnet build) keeps the machine's package folder and first-run state: the build
        // tools are not what is under test, and in a fresh home they would download every package again.
        string machineHome = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        chosen["NUGET_PACKAGES"] = ProcessVariable("NUGET_PACKAGES") ?? Path.Combine(machineHome, ".nuget", "packages");
        chosen["DOTNET_CLI_HOME"] = ProcessVariable("DOTNET_CLI_HOME") ?? machineHome;
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            chosen[name] = value;
        }
        Cli = new CliEnvironment(chosen, Home, WorkingDirectory);
    }

    private static string? ProcessVariable(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>The home folder: empty, so there is no ~/.flyte/config.yaml and no cached token.</summary>
    public string Home => _root.Combine("home");

    /// <summary>The working directory: empty and outside any git repository, so no config file is found there.</summary>
    public string WorkingDirectory => _root.Combine("work");

    public CliEnvironment Cli { get; }

    public void Dispose() => _root.Dispose();
}
