using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// C# interceptors for every call to a task or trace method in the assembly. Inside a Flyte context a task call
/// becomes a Flyte action and a trace call a recorded step of the running task (through <c>FlyteContext.Current</c>);
/// outside one it is the ordinary method call, so unit tests call tasks as plain C#.
/// </summary>
internal static class InterceptorEmitter
{
    public const string HintName = "FlyteInterceptors.g.cs";
    private const string Calls = "global::Flyte.Generation.TaskCalls";
    private const string TraceCalls = "global::Flyte.Generation.TraceCalls";

    public static string Emit(IReadOnlyList<InterceptModel> sites)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {TaskEmitter.GeneratedNamespace}");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open("file static class FlyteInterceptors");
        // Numbered in a stable order: unique names whatever the tasks are called.
        int index = 0;
        foreach (var group in sites.GroupBy(s => s.Target).OrderBy(g => g.Key.DefinitionTypeName, System.StringComparer.Ordinal))
        {
            EmitInterceptor(w, group.Key, group.OrderBy(s => s.DisplayLocation, System.StringComparer.Ordinal).ToList(), index++);
            w.Line();
        }
        w.Close();
        w.Close();
        w.Line();
        w.Open("namespace System.Runtime.CompilerServices");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        w.Open("file sealed class InterceptsLocationAttribute : global::System.Attribute");
        w.Line("public InterceptsLocationAttribute(int version, string data) { _ = version; _ = data; }");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitInterceptor(SourceWriter w, CallTargetModel task, IReadOnlyList<InterceptModel> sites, int index)
    {
        foreach (var site in sites)
        {
            w.Line($"// {site.DisplayLocation}");
            w.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({site.Version}, {Text.Literal(site.Data)})]");
        }
        string parameters = string.Join(", ", task.Parameters.Select(p => $"{p.FullyQualifiedType} {TaskEmitter.Identifier(p.Name)}"));
        string inputs = string.Join(", ", task.Parameters.Where(p => p.Role == ParameterRole.Input).Select(p => TaskEmitter.Identifier(p.Name)));
        string definition = task.DefinitionTypeName + ".Instance";
        string encode = $"{definition}.EncodeInputs({inputs})";
        // A static lambda, which the compiler caches, rather than a method group, which is a new delegate at every call.
        string decode = $"static __outputs => {definition}.DecodeOutputs(__outputs)";
        // A direct call gets a detached context where the caller passed none (an optional ITaskContext parameter).
        // A trace is handed its caller's arguments as they are: it runs inside the calling task.
        string directArguments = string.Join(", ", task.Parameters.Select(p => p.Role == ParameterRole.TaskContext && !task.IsTrace
            ? $"{TaskEmitter.Identifier(p.Name)} ?? global::Flyte.Tasks.TaskContext.Detached"
            : TaskEmitter.Identifier(p.Name)));
        string original = $"{task.ContainingTypeFullName}.{TaskEmitter.Identifier(task.MethodName)}({directArguments})";
        string method = $"public static {task.FullyQualifiedReturnType} {task.MethodName}_{index}({parameters})";

        w.Open(method);
        w.Open("if (global::Flyte.Generation.FlyteContext.Current is not { } runner)");
        w.Line(task.ReturnKind == ReturnKind.Void ? $"{original};" : $"return {original};");
        if (task.ReturnKind == ReturnKind.Void)
        {
            w.Line("return;");
        }
        w.Close();
        if (task.IsTrace)
        {
            EmitTraceCall(w, task, definition, inputs, original);
            w.Close();
            return;
        }
        string run = !task.HasResult
            ? $"{Calls}.RunAsync(runner, {definition}, {encode})"
            : $"{Calls}.RunAsync(runner, {definition}, {encode}, {decode})";
        w.Line(task.ReturnKind switch
        {
            ReturnKind.Void => $"{run}.GetAwaiter().GetResult();",
            ReturnKind.Value => $"return {run}.GetAwaiter().GetResult();",
            ReturnKind.ValueTask or ReturnKind.ValueTaskOfValue => $"return new {task.FullyQualifiedReturnType}({run});",
            _ => $"return {run};",
        });
        w.Close();
    }

    /// <summary>The call as a trace: the original method is the body <c>TraceCalls</c> runs, or skips when an earlier
    /// attempt recorded the call.</summary>
    private static void EmitTraceCall(SourceWriter w, CallTargetModel trace, string definition, string inputs, string original)
    {
        w.Line($"var __trace = {definition};");
        string encode = $"__trace.EncodeInputs({inputs})";
        string withResult = $"{TraceCalls}.RunAsync(runner, __trace, {encode}, {{0}}, __trace.EncodeOutputs, __trace.DecodeOutputs)";
        string withoutResult = $"{TraceCalls}.RunAsync(runner, __trace, {encode}, {{0}})";
        switch (trace.ReturnKind)
        {
            case ReturnKind.Void:
                w.Line(string.Format(withoutResult, $"() => {{ {original}; return global::System.Threading.Tasks.Task.CompletedTask; }}") + ".GetAwaiter().GetResult();");
                break;
            case ReturnKind.Value:
                w.Line("return " + string.Format(withResult, $"() => global::System.Threading.Tasks.Task.FromResult({original})") + ".GetAwaiter().GetResult();");
                break;
            case ReturnKind.Task:
                w.Line("return " + string.Format(withoutResult, $"() => {original}") + ";");
                break;
            case ReturnKind.ValueTask:
                w.Line($"return new {trace.FullyQualifiedReturnType}(" + string.Format(withoutResult, $"() => {original}.AsTask()") + ");");
                break;
            case ReturnKind.ValueTaskOfValue:
                w.Line($"return new {trace.FullyQualifiedReturnType}(" + string.Format(withResult, $"() => {original}.AsTask()") + ");");
                break;
            default:
                w.Line("return " + string.Format(withResult, $"() => {original}") + ";");
                break;
        }
    }
}
