namespace Flyte.Devbox.Connect;

/// <summary>
/// Marks a Connect endpoint, for <see cref="ConnectMatcherPolicy"/> and the bearer token gate.
/// </summary>
/// <param name="ServiceName">The service of a method's endpoint (<c>flyteidl2.task.TaskService</c>); null on the endpoint
/// that answers unimplemented for every other <c>/{service}/{method}</c>.</param>
internal sealed record ConnectEndpointMetadata(string? ServiceName);
