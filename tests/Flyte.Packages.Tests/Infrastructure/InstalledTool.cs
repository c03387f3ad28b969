using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Flyte.Packages.Tests.Infrastructure;

/// <summary>The <c>flyte</c> tool as a user installs it from the feed (<c>dotnet tool install --tool-path</c>), and run by them.</summary>
internal sealed class InstalledTool
{
    private static readonly TimeSpan CommandBound = TimeSpan.FromMinutes(10);

    private readonly UserEnvironment _user;

    private InstalledTool(UserEnvironment user, string path)
    {
        _user = user;
        Path = path;
    }

    /// <summary>The tool's executable.</summary>
    public string Path { get; }

    public static InstalledTool Install(PackageFeed feed, UserEnvironment user)
    {
        string tools = System.IO.Path.Combine(user.Root, "tools");
        user.Dotnet(user.WorkingDirectory, CommandBound, "tool", "install", "Flyte.Cli", "--version", feed.Version, "--tool-path", tools);
        return new InstalledTool(user, System.IO.Path.Combine(tools, OperatingSystem.IsWindows() ? "flyte.exe" : "flyte"));
    }

    /// <summary>Runs <c>flyte <paramref name="arguments"/></c> in <paramref name="directory"/>; fails the test with its output unless it succeeds.</summary>
    public string Run(string directory, params string[] arguments)
    {
        var result = ChildProcess.Run(Path, arguments, _user.Variables, CommandBound, directory);
        Assert.True(result.ExitCode == 0, $"flyte {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    /// <summary><c>flyte devbox start</c> on a free port with its data in the user's folder; the ready line's endpoint is group "endpoint".</summary>
    public Task<ListeningProcess> StartDevboxAsync(params string[] options)
    {
        var start = new ProcessStartInfo(Path) { WorkingDirectory = _user.WorkingDirectory };
        foreach (string argument in new[] { "devbox", "start", "--port", "0", "--data", DevboxData }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in _user.Variables)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return ListeningProcess.StartAsync("flyte devbox", start, new Regex(@"devbox listening on (?<endpoint>http://127\.0\.0\.1:\d+)"));
    }

    /// <summary>Where the devbox this tool starts keeps its state, objects and logs.</summary>
    public string DevboxData => System.IO.Path.Combine(_user.Root, "devbox");
}
