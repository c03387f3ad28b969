using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Flyte.Images;

/// <summary>
/// Registry credentials as <c>docker login</c> leaves them: the <c>auths</c> of <c>$DOCKER_CONFIG/config.json</c> (else
/// <c>~/.docker/config.json</c>), each a base64 <c>user:password</c> under the registry's host, or a credential helper
/// (<c>credHelpers</c>, <c>credsStore</c>) that Docker asks for them. A registry with none is used anonymously.
/// </summary>
public sealed class DockerConfigCredentials
{
    private const string DockerHub = "docker.io";

    // Docker Hub appears under several names: docker login writes the first.
    private static readonly string[] DockerHubKeys = ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];

    private readonly Dictionary<string, NetworkCredential> _auths;
    private readonly Dictionary<string, string> _helpers;
    private readonly string? _store;
    private readonly Func<string, string?> _environment;

    private DockerConfigCredentials(string? path, Dictionary<string, NetworkCredential> auths, Dictionary<string, string> helpers, string? store,
        Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        Path = path;
        _auths = auths;
        _helpers = helpers;
        _store = store;
    }

    /// <summary>The config file read, or null when there is none.</summary>
    public string? Path { get; }

    /// <summary>No credentials at all: every registry anonymously.</summary>
    public static DockerConfigCredentials None { get; } = new(null, [], [], null);

    /// <summary>Where Docker keeps its config: <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public static string DefaultPath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("DOCKER_CONFIG") is { Length: > 0 } directory)
        {
            return System.IO.Path.Combine(directory, "config.json");
        }
        string home = environment("HOME") is { Length: > 0 } set ? set : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(home, ".docker", "config.json");
    }

    /// <summary>Reads <paramref name="path"/> (by default <see cref="DefaultPath"/>); a missing file means no credentials.</summary>
    /// <param name="environment">Reads a variable: DOCKER_CONFIG and HOME for the default path, PATH for credential helpers; null for this process's.</param>
    /// <exception cref="ImageBuildException">The file is not a Docker config.</exception>
    public static DockerConfigCredentials Load(string? path = null, Func<string, string?>? environment = null)
    {
        path ??= DefaultPath(environment);
        if (!File.Exists(path))
        {
            return None;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var auths = new Dictionary<string, NetworkCredential>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("auths", out var entries) && entries.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in entries.EnumerateObject())
                {
                    if (Credential(entry.Value) is { } credential)
                    {
                        auths.TryAdd(Host(entry.Name), credential);
                    }
                }
            }
            var helpers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("credHelpers", out var named) && named.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in named.EnumerateObject())
                {
                    if (entry.Value.GetString() is { Length: > 0 } helper)
                    {
                        helpers.TryAdd(Host(entry.Name), helper);
                    }
                }
            }
            string? store = root.TryGetProperty("credsStore", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
            return new DockerConfigCredentials(path, auths, helpers, store, environment);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or DecoderFallbackException)
        {
            throw new ImageBuildException($"the Docker config {path} cannot be read ({e.Message}); fix it or point DOCKER_CONFIG at another folder", e);
        }
    }

    /// <summary>
    /// The user and password for <paramref name="registry"/> (a host with an optional port, as in an image reference:
    /// <c>ghcr.io</c>, <c>127.0.0.1:5000</c>, <c>docker.io</c>), or null to use it anonymously.
    /// </summary>
    /// <exception cref="ImageBuildException">The credential helper named for the registry failed.</exception>
    public NetworkCredential? For(string registry)
    {
        string host = Host(registry);
        if (_helpers.TryGetValue(host, out string? helper))
        {
            return FromHelper(helper, host);
        }
        if (_auths.TryGetValue(host, out var credential))
        {
            return credential;
        }
        return _store is not null ? FromHelper(_store, host) : null;
    }

    /// <summary>The registry host of a config key: <c>https://ghcr.io/v2/</c> → <c>ghcr.io</c>; Docker Hub's names → <c>docker.io</c>.</summary>
    internal static string Host(string key)
    {
        string host = HostPart(key);
        return DockerHubKeys.Any(name => HostPart(name) == host) ? DockerHub : host;
    }

    private static string HostPart(string key)
    {
        string host = key.Trim();
        int scheme = host.IndexOf("://", StringComparison.Ordinal);
        host = scheme >= 0 ? host[(scheme + 3)..] : host;
        int slash = host.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? host[..slash] : host).ToLowerInvariant();
    }

    private static NetworkCredential? Credential(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (entry.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException("an \"auth\" value is not base64 of user:password");
            }
            return new NetworkCredential(decoded[..colon], decoded[(colon + 1)..]);
        }
        if (entry.TryGetProperty("username", out var user) && user.GetString() is { Length: > 0 } name
            && entry.TryGetProperty("password", out var password) && password.GetString() is { } secret)
        {
            return new NetworkCredential(name, secret);
        }
        return null;
    }

    /// <summary>Asks <c>docker-credential-&lt;helper&gt; get</c>, as Docker does: the server on stdin, JSON with Username and Secret on stdout.</summary>
    private NetworkCredential? FromHelper(string helper, string host)
    {
        string server = host == DockerHub ? DockerHubKeys[0] : host;
        string program = "docker-credential-" + helper;
        var start = new ProcessStartInfo(OnPath(program))
        {
            ArgumentList = { "get" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ImageBuildException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageBuildException($"the Docker config names the credential helper {program} for {host}, but it is not on PATH ({e.Message})", e);
        }
        using (process)
        {
            try
            {
                process.StandardInput.Write(server);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // A helper that exits without reading its input: its exit code and output below say why.
            }
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new ImageBuildException($"the credential helper {program} did not answer for {host} in 30 s");
            }
            string output = stdout.GetAwaiter().GetResult();
            string error = stderr.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
            {
                // Helpers say "credentials not found in native keychain" for a registry they hold nothing for: anonymous, as Docker does.
                if ((output + error).Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
                throw new ImageBuildException($"the credential helper {program} failed for {host} (exit code {process.ExitCode}): {(error.Length > 0 ? error : output.Trim())}");
            }
            try
            {
                using var document = JsonDocument.Parse(output);
                string? user = document.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
                string? secret = document.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
                return string.IsNullOrEmpty(user) || secret is null ? null : new NetworkCredential(user, secret);
            }
            catch (JsonException e)
            {
                throw new ImageBuildException($"the credential helper {program} answered for {host} with something that is not JSON ({e.Message})", e);
            }
        }
    }

    /// <summary>
    /// The helper's file in a folder of PATH as this instance's variables give it (Process.Start would search the process's);
    /// the bare name, for Process.Start to look for, when none holds it.
    /// </summary>
    private string OnPath(string program)
    {
        string[] names = OperatingSystem.IsWindows() ? [program + ".exe", program + ".cmd", program] : [program];
        foreach (string folder in (_environment("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = System.IO.Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return program;
    }
}
