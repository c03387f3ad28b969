using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// One file for every [RemoteTask] declaration of the compilation: the body of each declaration, in its own partial
/// class, which runs the deployed task through <c>RemoteTaskCalls</c>; and each declaration's definition (the deployed
/// task's name, the interface the declaration expects, its converters) in <c>Flyte.Generated</c>.
/// </summary>
internal static class RemoteTaskEmitter
{
    public const string HintName = "FlyteRemoteTasks.g.cs";

    public static string Emit(IReadOnlyList<RemoteTaskModel> remoteTasks)
    {
        var ordered = remoteTasks.OrderBy(t => t.MethodKey, System.StringComparer.Ordinal).ToList();
        var w = new SourceWriter();
        Header.Write(w);
        foreach (var task in ordered)
        {
            EmitBody(w, task);
            w.Line();
        }
        DefinitionClass.EmitContainer(w, "The generated definitions of this assembly's [RemoteTask] declarations.",
            MethodKeys.RemoteTaskDefinitionsClassName, ordered, EmitDefinition);
        return w.ToString();
    }

    private static void EmitBody(SourceWriter w, RemoteTaskModel task)
    {
        UserClass.Open(w, task.Namespace, task.EnclosingTypeDeclarations);
        var inputs = TaskEmitter.Inputs(task.Parameters).ToList();
        string parameters = string.Join(", ", inputs.Select(p => $"{p.FullyQualifiedType} {TaskEmitter.Identifier(p.Name)}"));
        string arguments = string.Join(", ", inputs.Select(p => TaskEmitter.Identifier(p.Name)));
        string definition = task.DefinitionTypeName + ".Instance";
        w.Line($"/// <summary>Runs the deployed task <c>{Text.Escape(task.RemoteName)}</c> as a child action of the running task.</summary>");
        w.Line($"{task.Accessibility} static partial {task.Return.FullyQualifiedReturnType} {TaskEmitter.Identifier(task.MethodName)}({parameters}) =>");
        w.Line(task.Return.FullyQualifiedResultType is null
            ? $"    global::Flyte.Generation.RemoteTaskCalls.RunAsync({definition}, {definition}.EncodeInputs({arguments}));"
            : $"    global::Flyte.Generation.RemoteTaskCalls.RunAsync({definition}, {definition}.EncodeInputs({arguments}), {definition}.DecodeOutputs);");
        UserClass.Close(w, task.Namespace, task.EnclosingTypeDeclarations);
    }

    private static void EmitDefinition(SourceWriter w, RemoteTaskModel task)
    {
        string methodName = task.ContainingTypeDisplayName + "." + task.MethodName;
        DefinitionClass.Emit(w,
            $"The deployed task <c>{Text.Escape(task.RemoteName)}</c>, as <c>{Text.Escape(methodName)}</c> declares it.",
            MethodKeys.RemoteTaskDefinitionClassName(task.MethodKey, task.MethodName),
            "global::Flyte.Tasks.RemoteTaskDefinition",
            $"{Text.Literal(task.RemoteName)}, {Optional(task.Version)}, {Optional(task.Project)}, {Optional(task.Domain)}, {Text.Literal(methodName)}",
            task.Parameters, task.Return);
    }

    private static string Optional(string? value) => value is null ? "null" : Text.Literal(value);
}
