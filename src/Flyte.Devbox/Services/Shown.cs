namespace Flyte.Devbox.Services;

/// <summary>
/// A value from a request as it may appear in the devbox's error messages: quoted, on one line and cut to
/// <see cref="MaximumLength"/> characters (<see cref="EchoedValue"/>), so that no request can make the devbox echo a
/// header block that clients cannot read.
/// </summary>
public static class Shown
{
    public const int MaximumLength = 64;

    /// <summary><c>'value'</c>, or <c>'first 64 characters…(N characters)'</c> for a longer one.</summary>
    public static string Value(string? value) => value is null ? "(none)" : $"'{EchoedValue.Of(value, MaximumLength)}'";
}
