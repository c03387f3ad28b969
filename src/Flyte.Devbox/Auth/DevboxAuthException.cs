namespace Flyte.Devbox.Auth;

/// <summary>The devbox cannot start with the authentication asked for (or without it): the message is one line saying why.</summary>
public sealed class DevboxAuthException(string message, Exception? inner = null) : Exception(message, inner);
