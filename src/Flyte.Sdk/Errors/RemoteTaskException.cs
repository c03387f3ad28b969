namespace Flyte;

/// <summary>
/// A [RemoteTask] declaration cannot call what is deployed: no such task or version, or a deployed interface that does
/// not match the declaration. The message names the declaration, the deployed task and the difference.
/// </summary>
public sealed class RemoteTaskException(string message) : FlyteException(message)
{
}
