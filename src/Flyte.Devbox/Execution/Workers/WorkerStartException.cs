namespace Flyte.Devbox.Execution.Workers;

/// <summary>A worker did not get as far as saying hello: it exited, took too long, or could not prove who it is.</summary>
public sealed class WorkerStartException(string message, Exception? inner = null) : Exception(message, inner);
