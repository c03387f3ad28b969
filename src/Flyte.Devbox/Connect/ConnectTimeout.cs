using Flyte.Devbox.Services;
using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The <c>Connect-Timeout-Ms</c> header: the call's timeout as a positive integer of at most 10 ASCII digits
/// (docs/connect.md, Timeouts). As connect-go, a malformed one fails the call with invalid_argument.
/// </summary>
internal static class ConnectTimeout
{
    public const string Header = "Connect-Timeout-Ms";

    private const int MaximumDigits = 10;

    /// <summary>
    /// The longest timeout the devbox keeps, about 24.8 days; a longer one is cut to it, as the protocol lets servers
    /// do (10 digits would be over 115 days, more than a timer takes).
    /// </summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>The timeout the header asks for; null without the header.</summary>
    /// <exception cref="RpcException">invalid_argument: the value is not 1 to 10 digits.</exception>
    public static TimeSpan? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (value.Length > MaximumDigits || !value.All(char.IsAsciiDigit))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"{Header} must be a number of milliseconds of at most {MaximumDigits} digits, not {Shown.Value(value)}"));
        }
        long milliseconds = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        return milliseconds > Maximum.TotalMilliseconds ? Maximum : TimeSpan.FromMilliseconds(milliseconds);
    }
}
