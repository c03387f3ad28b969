namespace Flyte.Remote.Auth;

/// <summary>
/// The identity provider could not be reached or failed (a network error, a 5xx, no answer in time): unlike a refusal,
/// trying again later may work, so the call it held up fails UNAVAILABLE, which watches and a0 ride out.
/// </summary>
public sealed class IdentityProviderUnavailableException(string message, Exception? innerException = null) : FlyteException(message, innerException);
