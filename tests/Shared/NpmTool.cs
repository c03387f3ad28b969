using System.Diagnostics;

namespace Flyte.Tests.Shared;

/// <summary>A test service that is an npm package under <c>tools/&lt;name&gt;</c> (s3rver, oidc-provider), installed on first use.</summary>
internal static class NpmTool
{
    /// <summary>The tool's folder, <c>tools/&lt;name&gt;</c> in this repository.</summary>
    public static string Directory(string name) => Path.Combine(RepositoryPaths.Root, "tools", name);

    /// <summary>On a fresh clone node_modules is missing: install the locked versions once, as .ci/run does.</summary>
    /// <remarks>
    /// Under a lock on the tool's folder that every test assembly of this clone respects: <c>npm ci</c> deletes
    /// node_modules first, so a second install, or a service started from the folder meanwhile, would see it half gone.
    /// </remarks>
    /// <param name="installedMarker">A file that exists once the install is done.</param>
    public static async Task EnsureInstalledAsync(string toolDirectory, string installedMarker)
    {
        using (await FileLock.AcquireAsync(FileLock.ForFolder(toolDirectory), TimeSpan.FromMinutes(10), $"npm ci in {toolDirectory}"))
        {
            if (File.Exists(installedMarker))
            {
                return;
            }
            var start = new ProcessStartInfo("npm")
            {
                ArgumentList = { "ci", "--prefix", toolDirectory, "--no-audit", "--no-fund" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (npm.ExitCode != 0 || !File.Exists(installedMarker))
            {
                throw new InvalidOperationException($"npm ci --prefix {toolDirectory} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
            }
        }
    }
}
