namespace Flyte.Remote;

/// <summary>The control plane refused or could not do what was asked; the message says what and how to fix it.</summary>
public class FlyteRemoteException(string message, Exception? inner = null) : FlyteException(message, inner);
