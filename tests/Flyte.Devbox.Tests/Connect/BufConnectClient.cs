using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>
/// Buf's own Connect client (connect-es 2 with connect-node, the flyteidl2 package's generated TypeScript), as
/// tools/connect-client/calls.ts drives it: one call per node process, its outcome read back as JSON. npm installs
/// the tool on first use and esbuild bundles it, as .ci/run does.
/// </summary>
/// <remarks>
/// The devbox answering the calls runs in this test process, so nothing here may block a thread while node runs (this
/// machine may have two cores): node's standard input is closed at once, its output read asynchronously, its exit
/// awaited with a bound that kills it and fails with what it printed.
/// </remarks>
internal static class BufConnectClient
{
    public static readonly TimeSpan CallBound = TimeSpan.FromMinutes(2);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    private static string ToolDirectory => NpmTool.Directory("connect-client");

    private static string Bundle => Path.Combine(ToolDirectory, "dist", "calls.mjs");

    /// <param name="codec">"binary" (application/proto, application/connect+proto) or "json".</param>
    /// <param name="request">The request message; null for the empty message.</param>
    public static async Task<ConnectOutcome> CallAsync(string endpoint, MethodDescriptor method, string codec, IMessage? request = null,
        ConnectCallOptions? options = null)
    {
        await EnsureBuiltAsync();
        options ??= new ConnectCallOptions();
        string? requestFile = null;
        try
        {
            var arguments = new List<string> { Bundle, $"{method.Service.FullName}/{method.Name}", endpoint, codec };
            if (request is not null)
            {
                requestFile = Path.Combine(Path.GetTempPath(), $"connect-request-{Guid.NewGuid():N}.json");
                await File.WriteAllTextAsync(requestFile, Formatter.Format(request));
                arguments.AddRange(["--request-file", requestFile]);
            }
            if (options.Http2)
            {
                arguments.AddRange(["--http", "2"]);
            }
            if (options.Token is { } token)
            {
                arguments.AddRange(["--token", token]);
            }
            if (options.Gzip)
            {
                arguments.Add("--gzip");
            }
            if (options.TimeoutMs is { } timeout)
            {
                arguments.AddRange(["--timeout-ms", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
            foreach (var (name, value) in options.Headers)
            {
                arguments.AddRange(["--header", $"{name}={value}"]);
            }
            var (exitCode, stdout, stderr) = await RunAsync("node", arguments, CallBound);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"node calls.mjs {method.FullName} {codec} failed ({exitCode}):\n{stdout}\n{stderr}");
            }
            return ConnectOutcome.Parse(stdout, stderr);
        }
        finally
        {
            if (requestFile is not null)
            {
                File.Delete(requestFile);
            }
        }
    }

    /// <summary>Installs the tool's locked packages and bundles calls.ts, each once and only when missing or older than the source.</summary>
    private static async Task EnsureBuiltAsync()
    {
        await NpmTool.EnsureInstalledAsync(ToolDirectory, Path.Combine(ToolDirectory, "node_modules", "@connectrpc", "connect-node", "package.json"));
        using (await FileLock.AcquireAsync(FileLock.ForFolder(ToolDirectory), TimeSpan.FromMinutes(10), $"npm run build in {ToolDirectory}"))
        {
            string source = Path.Combine(ToolDirectory, "calls.ts");
            if (File.Exists(Bundle) && File.GetLastWriteTimeUtc(Bundle) >= File.GetLastWriteTimeUtc(source))
            {
                return;
            }
            var (exitCode, stdout, stderr) = await RunAsync("npm", ["run", "build", "--prefix", ToolDirectory], TimeSpan.FromMinutes(5));
            if (exitCode != 0 || !File.Exists(Bundle))
            {
                throw new InvalidOperationException($"npm run build --prefix {ToolDirectory} failed ({exitCode}):\n{stdout}\n{stderr}");
            }
        }
    }

    /// <summary>Runs a program to its end without blocking a thread: stdin closed, stdout and stderr drained as it runs.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan bound)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not end within {bound}; it printed:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a call through <see cref="BufConnectClient"/> may set besides its codec.</summary>
internal sealed record ConnectCallOptions
{
    /// <summary>Cleartext HTTP/2 with prior knowledge instead of HTTP/1.1.</summary>
    public bool Http2 { get; init; }

    /// <summary>Sent as <c>authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? Token { get; init; }

    /// <summary>The request compressed with gzip, however small.</summary>
    public bool Gzip { get; init; }

    /// <summary>The call's timeout as the client sets it: it sends Connect-Timeout-Ms and also keeps the time itself.</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>More request headers, sent as they are (a Connect-Timeout-Ms here is one the client does not keep itself).</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
}

/// <summary>The messages a call received (in protobuf's JSON mapping, as connect-es writes it) and its error, if it failed.</summary>
internal sealed record ConnectOutcome(IReadOnlyList<JsonElement> Messages, string? ErrorCode, string? ErrorMessage, string Printed)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    public static ConnectOutcome Parse(string stdout, string stderr)
    {
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        var messages = root.GetProperty("messages").EnumerateArray().Select(message => message.Clone()).ToList();
        string? code = null;
        string? message = null;
        if (root.TryGetProperty("error", out var error))
        {
            code = error.GetProperty("code").GetString();
            message = error.GetProperty("message").GetString();
        }
        return new ConnectOutcome(messages, code, message, stdout + stderr);
    }

    /// <summary>The one message of a call that succeeded, as its C# type.</summary>
    public T Single<T>() where T : IMessage, new()
    {
        Assert.True(ErrorCode is null, $"the call failed: {Printed}");
        return Parser.Parse<T>(Assert.Single(Messages).GetRawText());
    }

    /// <summary>Every message received, as their C# type.</summary>
    public List<T> All<T>() where T : IMessage, new() => Messages.Select(message => Parser.Parse<T>(message.GetRawText())).ToList();

    /// <summary>Asserts the call failed with <paramref name="code"/> (Connect's name, e.g. not_found).</summary>
    public string AssertError(string code)
    {
        Assert.True(code == ErrorCode, $"expected {code}, got: {Printed}");
        return ErrorMessage ?? "";
    }
}
