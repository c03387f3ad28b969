using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// Writes one task's definition class: its declaration, typed interface, input/output converters
/// and the invoker the dispatch table calls; and its typed handle.
/// </summary>
internal static class TaskEmitter
{
    public const string GeneratedNamespace = "Flyte.Generated";
    private const string Literal = "global::Flyteidl2.Core.Literal";
    private const string LiteralMap = "global::Flyteidl2.Core.LiteralMap";
    private const string Tasks = "global::Flyte.Tasks";
    private const string Generation = "global::Flyte.Generation";

    /// <summary>One task's definition class, inside the class's <c>FlyteTaskDefinitions</c> (see <see cref="TaskClassEmitter"/>).</summary>
    public static void EmitDefinition(SourceWriter w, TaskSourceModel source, string assemblyName)
    {
        var task = source.Task;
        w.Line($"/// <summary>Flyte task <c>{Text.Escape(task.TaskName)}</c>: <c>{Text.Escape(task.ContainingTypeDisplayName)}.{task.MethodName}</c>.</summary>");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public sealed class {task.DefinitionClassName} : {Tasks}.TaskDefinition");
        w.Line($"public static {task.DefinitionClassName} Instance {{ get; }} = new();");
        w.Line();
        EmitConstructor(w, task, source.CodeVersion, assemblyName);
        EmitInterface(w, task.Parameters, task.Return);
        EmitInputConverters(w, task.Parameters);
        EmitDefaultInputs(w, task.Parameters);
        EmitOutputConverters(w, task.Return);
        EmitInvoke(w, task);
        EmitLocalRun(w, task);
        EmitRemoteRun(w, task);
        EmitFake(w, task);
        w.Close();
    }

    /// <summary>The task's typed handle, a member of the class's <c>FlyteTasks</c>.</summary>
    public static void EmitHandle(SourceWriter w, TaskModel task)
    {
        w.Line($"/// <summary>The Flyte task <c>{Text.Escape(task.TaskName)}</c>.</summary>");
        w.Line($"public static {task.DefinitionTypeName} {Identifier(task.MethodName)} => {task.DefinitionTypeName}.Instance;");
    }

    private static void EmitConstructor(SourceWriter w, TaskModel task, string? codeVersion, string assemblyName)
    {
        var o = task.Options;
        w.Open($"private {task.DefinitionClassName}() : base(new {Generation}.TaskDeclaration");
        w.Line($"Name = {Text.Literal(task.TaskName)},");
        w.Line($"ShortName = {Text.Literal(task.ShortName)},");
        w.Line($"EnvironmentName = {Text.Literal(task.EnvironmentName)},");
        w.Line($"EnvironmentDescription = {Text.Literal(task.EnvironmentDescription)},");
        w.Line($"MethodName = {Text.Literal(task.ContainingTypeDisplayName + "." + task.MethodName)},");
        w.Line($"AssemblyName = {Text.Literal(assemblyName)},");
        w.Line($"IsWorkflow = {(task.IsWorkflow ? "true" : "false")},");
        w.Line($"Description = {Text.Literal(o.Description)},");
        w.Line($"Image = {Text.Literal(o.Image)},");
        w.Open($"Policy = new {Generation}.TaskPolicy");
        w.Line($"Retries = {o.Retries},");
        w.Line($"Timeout = {(o.TimeoutMilliseconds is { } milliseconds ? $"global::System.TimeSpan.FromMilliseconds({milliseconds})" : "null")},");
        w.Line($"Cache = {(o.Cache ? "true" : "false")},");
        // flyte-sdk versions every task, cache on or off: the version names child actions as well as cache entries.
        w.Line($"CacheVersion = {Text.Literal(o.CacheVersion ?? codeVersion ?? "")},");
        w.Line($"CacheIgnoredInputs = new string[] {{ {string.Join(", ", o.CacheIgnoredInputs.Select(Text.Literal))} }},");
        w.Line($"CacheSerialize = {(o.CacheSerialize ? "true" : "false")},");
        w.Line($"Interruptible = {(o.Interruptible ? "true" : "false")},");
        w.Line($"Report = {(o.Report ? "true" : "false")},");
        w.Close(",");
        w.Line($"Requests = new {Generation}.ResourceQuantity[] {{ {string.Join(", ", o.Requests.Select(Resource))} }},");
        w.Line($"Limits = new {Generation}.ResourceQuantity[] {{ {string.Join(", ", o.Limits.Select(Resource))} }},");
        w.Line($"EnvironmentVariables = new global::System.Collections.Generic.KeyValuePair<string, string>[] {{ {string.Join(", ", o.Env.Select(e => $"new({Text.Literal(e.Name)}, {Text.Literal(e.Value)})"))} }},");
        w.Line($"Secrets = new {Generation}.SecretReference[] {{ {string.Join(", ", o.Secrets.Select(s => $"new({Text.Literal(s.Group)}, {Text.Literal(s.Key)})"))} }},");
        if (task.Triggers.Count > 0)
        {
            w.Line($"Triggers = new {Generation}.TriggerDeclaration[] {{ {string.Join(", ", task.Triggers.Select(Trigger))} }},");
        }
        if (task.Reuse is { } reuse)
        {
            w.Line($"Reuse = {Reuse(reuse)},");
        }
        w.Close(")");
        w.Line("{");
        w.Line("}");
        w.Line();
    }

    private static string Trigger(TriggerModel t) =>
        $"new {Generation}.TriggerDeclaration {{ Name = {Text.Literal(t.Name)}, Cron = {Text.Literal(t.Cron)}, TimeZone = {Text.Literal(t.TimeZone)}, "
        + $"EveryMinutes = {t.EveryMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}, TimeInput = {Text.Literal(t.TimeInput)}, "
        + $"Inputs = new global::System.Collections.Generic.KeyValuePair<string, {Literal}>[] {{ {string.Join(", ", t.Inputs.Select(i => $"new({Text.Literal(i.Name)}, {LiteralExpressions.Encode(i.Type, i.ValueExpression)})"))} }}, "
        + $"Active = {(t.Active ? "true" : "false")}, Description = {Text.Literal(t.Description)} }}";

    private static string Reuse(ReuseModel r) =>
        $"new {Generation}.ReusePolicy {{ MinReplicas = {Number(r.MinReplicas)}, MaxReplicas = {Number(r.MaxReplicas)}, Concurrency = {Number(r.Concurrency)}, "
        + $"IdleTtl = global::System.TimeSpan.FromMilliseconds({Number(r.IdleTtlMilliseconds)}), ScaledownTtl = global::System.TimeSpan.FromMilliseconds({Number(r.ScaledownTtlMilliseconds)}) }}";

    private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Resource(ResourceModel resource) =>
        $"new(global::Flyteidl2.Core.Resources.Types.ResourceName.{resource.Name}, {Text.Literal(resource.Quantity)})";

    /// <summary>The typed interface and the input names: a task's, or a trace's (<see cref="TraceEmitter"/>).</summary>
    internal static void EmitInterface(SourceWriter w, EquatableArray<ParameterModel> parameters, ReturnModel returns)
    {
        var inputs = Inputs(parameters).OrderBy(p => p.Name, System.StringComparer.Ordinal).Select(p => (p.Name, p.Type!));
        var outputs = returns.Outputs.OrderBy(o => o.Name, System.StringComparer.Ordinal).Select(o => (o.Name, o.Type));
        w.Line("private global::Flyteidl2.Core.TypedInterface? _interface;");
        w.Line();
        w.Line("/// <summary>Inputs and outputs sorted by name; both maps present even when empty, as flyte-sdk writes them. Built once, on first use.</summary>");
        w.Open("public override global::Flyteidl2.Core.TypedInterface Interface => _interface ??= new()");
        w.Line($"Inputs = new global::Flyteidl2.Core.VariableMap {{ Variables = {{ {string.Join(", ", inputs.Select(Variable))} }} }},");
        w.Line($"Outputs = new global::Flyteidl2.Core.VariableMap {{ Variables = {{ {string.Join(", ", outputs.Select(Variable))} }} }},");
        w.Close(";");
        w.Line();
        w.Line($"public override global::System.Collections.Generic.IReadOnlyList<string> InputNames {{ get; }} = new string[] {{ {string.Join(", ", Inputs(parameters).Select(p => Text.Literal(p.Name)))} }};");
        w.Line();
    }

    private static string Variable((string Name, TypeModel Type) variable) =>
        $"new global::Flyteidl2.Core.VariableEntry {{ Key = {Text.Literal(variable.Name)}, Value = new global::Flyteidl2.Core.Variable {{ Type = {LiteralExpressions.LiteralType(variable.Type)} }} }}";

    internal static void EmitInputConverters(SourceWriter w, EquatableArray<ParameterModel> parameters)
    {
        var inputs = Inputs(parameters).ToList();
        string declared = string.Join(", ", inputs.Select(p => $"{p.FullyQualifiedType} {Identifier(p.Name)}"));
        w.Line("/// <summary>The inputs as literals, in declaration order.</summary>");
        w.Open($"public {LiteralMap} EncodeInputs({declared})");
        w.Line($"var __inputs = new {LiteralMap}();");
        foreach (var p in inputs)
        {
            w.Line($"__inputs.Literals.Add({Text.Literal(p.Name)}, {LiteralExpressions.Encode(p.Type!, Identifier(p.Name))});");
        }
        w.Line("return __inputs;");
        w.Close();
        w.Line();
    }

    /// <summary>The inputs' C# default values as literals, for the spec's default_inputs; only when an input has one.</summary>
    private static void EmitDefaultInputs(SourceWriter w, EquatableArray<ParameterModel> parameters)
    {
        var defaults = Inputs(parameters).Where(p => p.Default is { Kind: DefaultKind.Constant or DefaultKind.ZeroStruct }).ToList();
        if (defaults.Count == 0)
        {
            return;
        }
        w.Line("/// <summary>The inputs' default values, as the spec's default_inputs carry them.</summary>");
        w.Open($"public override {LiteralMap} DefaultInputs => new()");
        w.Open("Literals =");
        foreach (var p in defaults)
        {
            // A null or zero default is typed, so that the converter's type arguments can be inferred.
            string value = p.Default!.Text is null ? $"default({p.FullyQualifiedType})" : DefaultExpressions.CSharp(p.Type!, p.Default.Text);
            w.Line($"[{Text.Literal(p.Name)}] = {LiteralExpressions.Encode(p.Type!, value)},");
        }
        w.Close(",");
        w.Close(";");
        w.Line();
    }

    internal static void EmitOutputConverters(SourceWriter w, ReturnModel r)
    {
        if (r.FullyQualifiedResultType is null)
        {
            w.Line($"public {LiteralMap} EncodeOutputs() => new();");
            w.Line();
            return;
        }

        w.Open($"public {LiteralMap} EncodeOutputs({r.FullyQualifiedResultType} result)");
        w.Line($"var outputs = new {LiteralMap}();");
        foreach (var output in r.Outputs)
        {
            string value = r.IsTuple ? "result." + output.TupleField : "result";
            w.Line($"outputs.Literals.Add({Text.Literal(output.Name)}, {LiteralExpressions.Encode(output.Type, value)});");
        }
        w.Line("return outputs;");
        w.Close();
        w.Line();

        w.Open($"public {r.FullyQualifiedResultType} DecodeOutputs({LiteralMap} outputs)");
        var decoded = r.Outputs.Select(o => DecodeNamed("outputs", o.Name, "output", o.Type)).ToList();
        w.Line(r.IsTuple ? $"return ({string.Join(", ", decoded)});" : $"return {decoded[0]};");
        w.Close();
        w.Line();
    }

    private static string DecodeNamed(string map, string name, string role, TypeModel type) =>
        $"{Generation}.TaskCalls.Decode({map}, {Text.Literal(name)}, {Text.Literal(role)}, static ({Literal} l0) => {LiteralExpressions.Decode(type, "l0")})";

    private static void EmitInvoke(SourceWriter w, TaskModel task)
    {
        var r = task.Return;
        bool isAsync = r.Kind is not (ReturnKind.Void or ReturnKind.Value);
        string signature = $"public override {(isAsync ? "async " : "")}global::System.Threading.Tasks.Task<{LiteralMap}> InvokeAsync({LiteralMap} inputs, {Tasks}.ITaskContext context, global::System.Threading.CancellationToken cancellationToken)";
        w.Open(signature);
        string arguments = string.Join(", ", task.Parameters.Select(p => p.Role switch
        {
            ParameterRole.CancellationToken => "cancellationToken",
            ParameterRole.TaskContext => "context",
            _ => Local(p.Name),
        }));
        string call = $"{task.ContainingTypeFullName}.{task.MethodName}({arguments})";

        if (!isAsync)
        {
            w.Open("try");
        }
        foreach (var p in Inputs(task))
        {
            w.Line($"var {Local(p.Name)} = {DecodeNamed("inputs", p.Name, "input", p.Type!)};");
        }
        switch (r.Kind)
        {
            case ReturnKind.Void:
                w.Line($"{call};");
                w.Line("return global::System.Threading.Tasks.Task.FromResult(EncodeOutputs());");
                break;
            case ReturnKind.Value:
                w.Line($"var result = {call};");
                w.Line("return global::System.Threading.Tasks.Task.FromResult(EncodeOutputs(result));");
                break;
            case ReturnKind.Task or ReturnKind.ValueTask:
                w.Line($"await {call};");
                w.Line("return EncodeOutputs();");
                break;
            default:
                w.Line($"var result = await {call};");
                w.Line("return EncodeOutputs(result);");
                break;
        }
        if (!isAsync)
        {
            w.Close();
            w.Open("catch (global::System.Exception e)");
            w.Line($"return global::System.Threading.Tasks.Task.FromException<{LiteralMap}>(e);");
            w.Close();
        }
        w.Close();
    }

    /// <summary><c>RunLocalAsync(inputs…)</c>: runs the task in-process with Flyte semantics and decodes its result.</summary>
    private static void EmitLocalRun(SourceWriter w, TaskModel task)
    {
        var call = RunCall.For(task, "options", "cancellationToken");
        string result = task.Return.FullyQualifiedResultType is { } type ? $"global::Flyte.Local.LocalRunResult<{type}>" : "global::Flyte.Local.LocalRunResult";
        w.Line();
        w.Line("/// <summary>Runs this task in-process, with Flyte's semantics: literals at every task boundary, retries, timeouts, caching.</summary>");
        w.Line($"public global::System.Threading.Tasks.Task<{result}> RunLocalAsync({call.Parameters}global::Flyte.Local.LocalRunOptions? {call.Extra[0]} = null, global::System.Threading.CancellationToken {call.Extra[1]} = default) =>");
        w.Line($"    global::Flyte.Local.LocalEngine.RunAsync(this, EncodeInputs({call.Arguments}), {call.Decode}{call.Extra[0]}, {call.Extra[1]});");
    }

    /// <summary><c>RunRemoteAsync(remote, inputs…)</c>: starts the task on a control plane; the run decodes to its result.</summary>
    private static void EmitRemoteRun(SourceWriter w, TaskModel task)
    {
        var call = RunCall.For(task, "remote", "runName", "cancellationToken");
        string result = task.Return.FullyQualifiedResultType is { } type ? $"global::Flyte.Remote.RemoteRun<{type}>" : "global::Flyte.Remote.RemoteRun";
        w.Line();
        w.Line("/// <summary>Starts this task on a Flyte control plane (a devbox or a cluster), at its newest deployed version.</summary>");
        w.Line($"public global::System.Threading.Tasks.Task<{result}> RunRemoteAsync(global::Flyte.Remote.FlyteRemote {call.Extra[0]}, {call.Parameters}string? {call.Extra[1]} = null, global::System.Threading.CancellationToken {call.Extra[2]} = default) =>");
        w.Line($"    {call.Extra[0]}.RunAsync(this, EncodeInputs({call.Arguments}), {call.Decode}{call.Extra[1]}, {call.Extra[2]});");
    }

    /// <summary>
    /// The pieces of a generated <c>Run…Async</c> method: the task's inputs as parameters (each followed by ", ") and as
    /// arguments, the names of the method's own extra parameters (made unique against the inputs), and "DecodeOutputs, "
    /// when the task has a result.
    /// </summary>
    private sealed class RunCall
    {
        public string Parameters { get; private set; } = "";
        public string Arguments { get; private set; } = "";
        public string Decode { get; private set; } = "";
        public System.Collections.Generic.List<string> Extra { get; } = new();

        public static RunCall For(TaskModel task, params string[] extraNames)
        {
            var inputs = Inputs(task).ToList();
            var names = inputs.Select(p => p.Name).ToList();
            var call = new RunCall
            {
                Parameters = string.Join("", inputs.Select(p => $"{p.FullyQualifiedType} {Identifier(p.Name)}, ")),
                Arguments = string.Join(", ", inputs.Select(p => Identifier(p.Name))),
                Decode = task.Return.FullyQualifiedResultType is null ? "" : "DecodeOutputs, ",
            };
            call.Extra.AddRange(extraNames.Select(name => Unique(name, names)));
            return call;
        }
    }

    /// <summary><c>Fake(implementation)</c>: a typed stand-in for this task in local runs, for tests.</summary>
    private static void EmitFake(SourceWriter w, TaskModel task)
    {
        var inputs = Inputs(task).ToList();
        if (inputs.Count > 16)
        {
            return; // Func and Action stop at 16 parameters.
        }
        var types = inputs.Select(p => p.FullyQualifiedType).ToList();
        string? resultType = task.Return.FullyQualifiedResultType;
        string delegateType = resultType is null
            ? (types.Count == 0 ? "global::System.Action" : $"global::System.Action<{string.Join(", ", types)}>")
            : $"global::System.Func<{string.Join(", ", types.Concat(new[] { resultType }))}>";
        string arguments = string.Join(", ", inputs.Select(p => DecodeNamed("inputs", p.Name, "input", p.Type!)));
        w.Line();
        w.Line("/// <summary>A stand-in for this task in local runs: it gets the decoded inputs and its result is encoded as the task's would be.</summary>");
        w.Open($"public global::Flyte.Local.TaskFake Fake({delegateType} implementation)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(implementation);");
        w.Open($"return new global::Flyte.Local.TaskFake(this, (inputs, cancellationToken) =>");
        if (resultType is null)
        {
            w.Line($"implementation({arguments});");
            w.Line("return global::System.Threading.Tasks.Task.FromResult(EncodeOutputs());");
        }
        else
        {
            w.Line($"var result = implementation({arguments});");
            w.Line("return global::System.Threading.Tasks.Task.FromResult(EncodeOutputs(result));");
        }
        w.Close(");");
        w.Close();
    }

    private static string Unique(string name, System.Collections.Generic.IReadOnlyCollection<string> taken) =>
        taken.Contains(name) ? Unique("run" + char.ToUpperInvariant(name[0]) + name.Substring(1), taken) : name;

    /// <summary><c>FlyteTasks.&lt;Method&gt;</c> in the reopened user class: the task's typed handle.</summary>
    public static System.Collections.Generic.IEnumerable<ParameterModel> Inputs(TaskModel task) => Inputs(task.Parameters);

    public static System.Collections.Generic.IEnumerable<ParameterModel> Inputs(EquatableArray<ParameterModel> parameters) =>
        parameters.Where(p => p.Role == ParameterRole.Input);

    /// <summary>The local holding a decoded input; prefixed so it cannot clash with the invoker's own names.</summary>
    private static string Local(string name) => "__" + name;

    /// <summary>A parameter name usable as a C# identifier (keywords get '@').</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
