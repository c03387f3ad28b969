using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// One file per user class with tasks: it reopens the class with the tasks' typed handles (<c>FlyteTasks</c>) and their
/// definitions (<c>FlyteTaskDefinitions</c>, hidden from IntelliSense). A file per class rather than per task: the
/// compiler carries every generated file through every run, and a body edit re-emits only its own class's file.
/// </summary>
internal static class TaskClassEmitter
{
    /// <summary>Unique by construction: the class's metadata name (<c>Ns.Outer+Inner</c>).</summary>
    public static string HintName(TaskClassModel taskClass) => $"{taskClass.MetadataName}.FlyteTasks.g.cs";

    public static string Emit(ClassSourceModel source, string assemblyName)
    {
        var taskClass = source.Class;
        var w = new SourceWriter();
        Header.Write(w);
        UserClass.Open(w, taskClass.Namespace, taskClass.EnclosingTypeDeclarations);

        w.Line("/// <summary>Flyte definitions of this class's tasks: run them locally or remotely, read their specs.</summary>");
        w.Open("public static partial class FlyteTasks");
        foreach (var task in source.Tasks)
        {
            TaskEmitter.EmitHandle(w, task.Task);
        }
        w.Close();
        w.Line();

        w.Line("/// <summary>The generated definitions of this class's Flyte tasks; reach a task through <c>FlyteTasks</c>.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public static partial class {MethodKeys.DefinitionsClassName}");
        bool first = true;
        foreach (var task in source.Tasks)
        {
            if (!first)
            {
                w.Line();
            }
            first = false;
            TaskEmitter.EmitDefinition(w, task, assemblyName);
        }
        w.Close();

        UserClass.Close(w, taskClass.Namespace, taskClass.EnclosingTypeDeclarations);
        return w.ToString();
    }
}
