using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// Declares, once per user class with tasks, the class that holds the generated task definitions: a partial class
/// whose other parts are in each task's file, hidden from IntelliSense (an attribute may be written on one part only).
/// </summary>
internal static class DefinitionsClassEmitter
{
    public static string HintName(TaskClassModel taskClass) => $"{taskClass.MetadataName}.{MethodKeys.DefinitionsClassName}.g.cs";

    public static string Emit(TaskClassModel taskClass)
    {
        var w = new SourceWriter();
        Header.Write(w);
        UserClass.Open(w, taskClass.Namespace, taskClass.EnclosingTypeDeclarations);
        w.Line("/// <summary>The generated definitions of this class's Flyte tasks; reach a task through <c>FlyteTasks</c>.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line(Header.GeneratedCodeAttribute);
        w.Line($"public static partial class {MethodKeys.DefinitionsClassName}");
        w.Line("{");
        w.Line("}");
        UserClass.Close(w, taskClass.Namespace, taskClass.EnclosingTypeDeclarations);
        return w.ToString();
    }
}
