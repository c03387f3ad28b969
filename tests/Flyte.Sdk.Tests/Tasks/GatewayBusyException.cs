namespace Flyte.Sdk.Tests.Tasks;

/// <summary>A transient failure of the user's own type: recoverable because it derives from <see cref="RecoverableException"/>.</summary>
public sealed class GatewayBusyException(string message) : RecoverableException(message);
