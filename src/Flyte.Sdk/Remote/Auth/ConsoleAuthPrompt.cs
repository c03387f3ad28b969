using System.ComponentModel;
using System.Diagnostics;

namespace Flyte.Remote.Auth;

/// <summary>Asks on standard error; opens the sign-in page in a browser where there is a desktop to open one on.</summary>
public sealed class ConsoleAuthPrompt : IAuthPrompt
{
    /// <summary>The shared instance.</summary>
    public static ConsoleAuthPrompt Instance { get; } = new();

    /// <inheritdoc />
    public Task SignInAsync(Uri authorizeUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        if (TryOpenBrowser(authorizeUrl))
        {
            Console.Error.WriteLine($"Sign in to Flyte in the browser that opened (or open {authorizeUrl.AbsoluteUri})");
        }
        else
        {
            Console.Error.WriteLine($"No browser can be opened here: to sign in to Flyte, open this URL on a machine that can reach this one's loopback redirect, or use the DeviceFlow auth type:\n  {authorizeUrl.AbsoluteUri}");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ShowDeviceCodeAsync(Uri verificationUri, string userCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verificationUri);
        Console.Error.WriteLine($"To sign in to Flyte, open {verificationUri.AbsoluteUri} on any device and enter the code {userCode}");
        return Task.CompletedTask;
    }

    private static bool TryOpenBrowser(Uri url)
    {
        string? opener = OperatingSystem.IsMacOS() ? "open"
            : OperatingSystem.IsWindows() ? "explorer"
            : HasDesktop() ? "xdg-open"
            : null;
        if (opener is null)
        {
            return false;
        }
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener) { ArgumentList = { url.AbsoluteUri }, UseShellExecute = false });
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    private static bool HasDesktop() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
}
