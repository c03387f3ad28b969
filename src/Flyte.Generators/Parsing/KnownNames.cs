namespace Flyte.Generators.Parsing;

/// <summary>Metadata names of the SDK types the generator recognises.</summary>
internal static class KnownNames
{
    public const string TaskAttribute = "Flyte.TaskAttribute";
    public const string WorkflowAttribute = "Flyte.WorkflowAttribute";
    public const string TraceAttribute = "Flyte.TraceAttribute";
    public const string RemoteTaskAttribute = "Flyte.RemoteTaskAttribute";
    public const string TriggerAttribute = "Flyte.TriggerAttribute";
    public const string TaskEnvironmentAttribute = "Flyte.TaskEnvironmentAttribute";
    public const string ReusableAttribute = "Flyte.ReusableAttribute";
    public const string TaskContextInterface = "Flyte.Tasks.ITaskContext";
    public const string CancellationToken = "System.Threading.CancellationToken";
}
