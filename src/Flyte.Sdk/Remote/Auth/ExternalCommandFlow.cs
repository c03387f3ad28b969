using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Flyte.Remote.Auth;

/// <summary><c>admin.command</c>: a program whose standard output is the token (flyte-sdk's ExternalCommand).</summary>
internal sealed class ExternalCommandFlow(IReadOnlyList<string> command) : IAuthFlow
{
    public AuthType Type => AuthType.ExternalCommand;

    public bool NeedsAuthServer => false;

    public async Task<TokenSet> AcquireAsync(AuthServerInfo? server, TokenEndpointClient tokens, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            throw new AuthenticationFailedException("the ExternalCommand auth type needs admin.command: the program (and arguments) that prints a token");
        }
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{command[0]} did not start");
        }
        catch (Win32Exception e)
        {
            throw new AuthenticationFailedException($"admin.command '{command[0]}' cannot be started ({e.Message}): check the program's path", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            string token = (await output.ConfigureAwait(false)).Trim();
            string error = (await errors.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0 || token.Length == 0)
            {
                string why = process.ExitCode != 0 ? $"exited with {process.ExitCode}" : "printed no token";
                string detail = error.Length > 0 ? $": {error.ReplaceLineEndings(" ")}" : "";
                throw new AuthenticationFailedException($"admin.command '{command[0]}' {why}{detail}");
            }
            var now = tokens.Time.GetUtcNow();
            return new TokenSet(token, null, now, JwtExpiry(token));
        }
    }

    // Running the command again is the only way to a new token.
    public Task<TokenSet?> RefreshAsync(AuthServerInfo? server, TokenEndpointClient tokens, string refreshToken, CancellationToken cancellationToken) =>
        Task.FromResult<TokenSet?>(null);

    /// <summary>A JWT's <c>exp</c>, so the token is renewed before it expires; null for opaque tokens (used until refused).</summary>
    internal static DateTimeOffset? JwtExpiry(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(Base64UrlText.Decode(parts[1]));
            return json.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out long seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
