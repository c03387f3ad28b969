namespace Flyte.Fuzz;

/// <summary>A parser returned, or failed, in a way its contract does not allow: a finding, like any unexpected exception.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
