using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// The assembly's dispatch table: every task by name. A module initializer registers it with
/// <c>TaskRegistry</c> when the assembly loads, so <c>a0</c> finds tasks without scanning methods.
/// Registering builds no task: <c>Find</c> builds only the one asked for (a0 runs one per process, and
/// each task built costs it start-up time), <c>Tasks</c> all of them on first use.
/// </summary>
internal static class TableEmitter
{
    public const string HintName = "FlyteTaskTable.g.cs";

    public static string Emit(IReadOnlyList<TaskModel> tasks, IReadOnlyList<RemoteTaskModel> remoteTasks, string assemblyName)
    {
        var ordered = tasks.OrderBy(t => t.TaskName, System.StringComparer.Ordinal).ToList();
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {TaskEmitter.GeneratedNamespace}");
        w.Line($"/// <summary>The Flyte tasks of assembly <c>{Text.Escape(assemblyName)}</c>.</summary>");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open("public sealed class FlyteTaskTable : global::Flyte.Generation.ITaskTable");
        w.Line("public static FlyteTaskTable Instance { get; } = new();");
        w.Line();
        w.Line($"public string AssemblyName => {Text.Literal(assemblyName)};");
        w.Line();
        w.Line("private global::Flyte.Tasks.TaskDefinition[]? _tasks;");
        w.Line();
        w.Line("/// <summary>Every task, built on first use.</summary>");
        w.Open("public global::System.Collections.Generic.IReadOnlyList<global::Flyte.Tasks.TaskDefinition> Tasks => _tasks ??= new global::Flyte.Tasks.TaskDefinition[]");
        foreach (var task in ordered)
        {
            w.Line($"{task.DefinitionTypeName}.Instance,");
        }
        w.Close(";");
        w.Line();
        w.Line("/// <summary>The task named <paramref name=\"name\"/>, building no other; null when there is none.</summary>");
        w.Open("public global::Flyte.Tasks.TaskDefinition? Find(string name) => name switch");
        // A duplicate name is reported as FLY005; one case per name keeps that the only error.
        foreach (var task in ordered.GroupBy(t => t.TaskName).Select(g => g.First()))
        {
            w.Line($"{Text.Literal(task.TaskName)} => {task.DefinitionTypeName}.Instance,");
        }
        w.Line("_ => null,");
        w.Close(";");
        w.Line();
        if (remoteTasks.Count > 0)
        {
            // Only when there are any, so that tables without remote tasks read as before.
            w.Line("private global::Flyte.Tasks.RemoteTaskDefinition[]? _remoteTasks;");
            w.Line();
            w.Line("/// <summary>Every [RemoteTask] declaration: the deployed tasks the assembly calls, checked before deploy and run.</summary>");
            w.Open("public global::System.Collections.Generic.IReadOnlyList<global::Flyte.Tasks.RemoteTaskDefinition> RemoteTasks => _remoteTasks ??= new global::Flyte.Tasks.RemoteTaskDefinition[]");
            foreach (var remote in remoteTasks.OrderBy(t => t.MethodKey, System.StringComparer.Ordinal))
            {
                w.Line($"{remote.DefinitionTypeName}.Instance,");
            }
            w.Close(";");
            w.Line();
        }
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("internal static void Register() => global::Flyte.Generation.TaskRegistry.Register(Instance);");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
