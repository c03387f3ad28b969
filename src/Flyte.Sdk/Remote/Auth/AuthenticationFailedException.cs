namespace Flyte.Remote.Auth;

/// <summary>A flow could not get a token: the identity provider refused, the user did not finish, or the settings are incomplete.</summary>
public sealed class AuthenticationFailedException : FlyteException
{
    /// <summary>A failed sign-in described by <paramref name="message"/>.</summary>
    public AuthenticationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>A failed sign-in described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public AuthenticationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
