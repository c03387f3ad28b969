using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// The assembly's dispatch table: every task by name. A module initializer registers it with
/// <c>TaskRegistry</c> when the assembly loads, so <c>a0</c> finds tasks without scanning methods.
/// </summary>
internal static class TableEmitter
{
    public const string HintName = "FlyteTaskTable.g.cs";

    public static string Emit(IReadOnlyList<TaskModel> tasks, string assemblyName)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {TaskEmitter.GeneratedNamespace}");
        w.Line($"/// <summary>The Flyte tasks of assembly <c>{Text.Escape(assemblyName)}</c>.</summary>");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open("public sealed class FlyteTaskTable : global::Flyte.Tasks.ITaskTable");
        w.Line("public static FlyteTaskTable Instance { get; } = new();");
        w.Line();
        w.Line($"public string AssemblyName => {Text.Literal(assemblyName)};");
        w.Line();
        w.Open("public global::System.Collections.Generic.IReadOnlyList<global::Flyte.Tasks.TaskDefinition> Tasks { get; } = new global::Flyte.Tasks.TaskDefinition[]");
        foreach (var task in tasks.OrderBy(t => t.TaskName, System.StringComparer.Ordinal))
        {
            w.Line($"{TaskEmitter.DefinitionTypeName(task)}.Instance,");
        }
        w.Close(";");
        w.Line();
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("internal static void Register() => global::Flyte.Tasks.TaskRegistry.Register(Instance);");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
