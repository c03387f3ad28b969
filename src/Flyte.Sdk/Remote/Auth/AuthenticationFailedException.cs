namespace Flyte.Remote.Auth;

/// <summary>A flow could not get a token: the identity provider refused, the user did not finish, or the settings are incomplete.</summary>
public sealed class AuthenticationFailedException : FlyteException
{
    public AuthenticationFailedException(string message)
        : base(message)
    {
    }

    public AuthenticationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
