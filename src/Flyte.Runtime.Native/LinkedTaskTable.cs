namespace Flyte.Runtime.Execution;

/// <summary>
/// Registers the compiled-in task project's dispatch table when a0 starts. Referenced by type, so the native compiler keeps
/// it (a table found by loading its assembly by name would need metadata a native executable does not keep).
/// </summary>
internal static class LinkedTaskTable
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register() => LinkedTasks.Register(global::Flyte.Generated.FlyteTaskTable.Instance);
}
