using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>
/// The types the generator recognises, resolved once per compilation as symbols and compared with
/// <see cref="SymbolEqualityComparer"/>: a user type whose name merely looks like one of them is never taken for it.
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, bool> _taskMethodNames = new(System.StringComparer.Ordinal);
    private readonly Dictionary<ISymbol, Model.TypeShape> _shapes = new(SymbolEqualityComparer.Default);

    private KnownTypes(Compilation compilation)
    {
        _compilation = compilation;
        TaskAttribute = compilation.GetTypeByMetadataName(KnownNames.TaskAttribute);
        WorkflowAttribute = compilation.GetTypeByMetadataName(KnownNames.WorkflowAttribute);
        TraceAttribute = compilation.GetTypeByMetadataName(KnownNames.TraceAttribute);
        RemoteTaskAttribute = compilation.GetTypeByMetadataName(KnownNames.RemoteTaskAttribute);
        TriggerAttribute = compilation.GetTypeByMetadataName(KnownNames.TriggerAttribute);
        TaskEnvironmentAttribute = compilation.GetTypeByMetadataName(KnownNames.TaskEnvironmentAttribute);
        ReusableAttribute = compilation.GetTypeByMetadataName(KnownNames.ReusableAttribute);
        TaskContext = compilation.GetTypeByMetadataName(KnownNames.TaskContextInterface);
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        AddShape("System.DateTimeOffset", Model.TypeShape.DateTimeOffset);
        AddShape("System.TimeSpan", Model.TypeShape.TimeSpan);
        AddShape("System.Guid", Model.TypeShape.Guid);
        AddShape("Flyte.FlyteFile", Model.TypeShape.FlyteFile);
        AddShape("Flyte.FlyteDirectory", Model.TypeShape.FlyteDirectory);
        AddShape("Flyte.DataFrame", Model.TypeShape.DataFrame);
        AddShape("System.Collections.Generic.List`1", Model.TypeShape.List);
        AddShape("System.Collections.Generic.IReadOnlyList`1", Model.TypeShape.ReadOnlyList);
        AddShape("System.Collections.Generic.Dictionary`2", Model.TypeShape.Dictionary);
        AddShape("System.Collections.Generic.IReadOnlyDictionary`2", Model.TypeShape.ReadOnlyDictionary);
    }

    private void AddShape(string metadataName, Model.TypeShape shape)
    {
        if (_compilation.GetTypeByMetadataName(metadataName) is { } type)
        {
            _shapes[type] = shape;
        }
    }

    /// <summary>The records of this compilation read so far, by symbol (only those that are valid).</summary>
    public ConcurrentDictionary<ITypeSymbol, Model.TypeModel> ParsedRecords { get; } = new(SymbolEqualityComparer.Default);

    public static KnownTypes For(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public INamedTypeSymbol? TaskAttribute { get; }
    public INamedTypeSymbol? WorkflowAttribute { get; }
    public INamedTypeSymbol? TraceAttribute { get; }
    public INamedTypeSymbol? RemoteTaskAttribute { get; }
    public INamedTypeSymbol? TriggerAttribute { get; }
    public INamedTypeSymbol? TaskEnvironmentAttribute { get; }
    public INamedTypeSymbol? ReusableAttribute { get; }
    public INamedTypeSymbol? TaskContext { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }

    /// <summary>
    /// The shape of a framework or Flyte type that has a fixed one (DateTimeOffset, TimeSpan, Guid, FlyteFile,
    /// FlyteDirectory, DataFrame, and for a constructed generic its definition: List, IReadOnlyList, Dictionary,
    /// IReadOnlyDictionary); null for any other type.
    /// </summary>
    public Model.TypeShape? ShapeOf(ITypeSymbol type) =>
        _shapes.TryGetValue(type.OriginalDefinition, out var shape) ? shape : null;

    /// <summary>Whether <paramref name="type"/> (or, for a constructed generic, its definition) is <paramref name="known"/>.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attributeType) =>
        attributeType is null ? null : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    public bool IsTask(IMethodSymbol method) => Attribute(method, TaskAttribute) is not null;

    public bool IsWorkflow(IMethodSymbol method) => Attribute(method, WorkflowAttribute) is not null;

    public bool IsTaskOrWorkflow(IMethodSymbol method) => IsTask(method) || IsWorkflow(method);

    public bool IsTrace(IMethodSymbol method) => Attribute(method, TraceAttribute) is not null;

    public bool IsRemoteTask(IMethodSymbol method) => Attribute(method.PartialDefinitionPart ?? method, RemoteTaskAttribute) is not null;

    /// <summary>Whether calls of <paramref name="method"/> are routed to the Flyte context: a task, a workflow or a trace.</summary>
    public bool IsCallTarget(IMethodSymbol method) => IsTaskOrWorkflow(method) || IsTrace(method);

    /// <summary>
    /// Whether this compilation declares a [Task], [Workflow] or [Trace] method named <paramref name="name"/>: the cheap test a
    /// call site passes before it is bound. Answered from the compiler's declaration table, once per name.
    /// </summary>
    public bool MayBeTaskName(string name) =>
        _taskMethodNames.GetOrAdd(name, n => _compilation.GetSymbolsWithName(n, SymbolFilter.Member)
            .OfType<IMethodSymbol>()
            .Any(IsCallTarget));
}
