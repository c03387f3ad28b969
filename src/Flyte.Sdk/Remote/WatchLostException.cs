namespace Flyte.Remote;

/// <summary>
/// A watch (a run, its actions, a parent's children) stayed broken longer than <see cref="WatchReconnects"/> waits:
/// the message names the endpoint and the last error.
/// </summary>
public sealed class WatchLostException(string message, Exception? lastError) : FlyteRemoteException(message, lastError);
