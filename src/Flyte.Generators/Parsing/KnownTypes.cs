using System.Collections.Concurrent;
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

    private KnownTypes(Compilation compilation)
    {
        _compilation = compilation;
        TaskAttribute = compilation.GetTypeByMetadataName(KnownNames.TaskAttribute);
        WorkflowAttribute = compilation.GetTypeByMetadataName(KnownNames.WorkflowAttribute);
        TaskEnvironmentAttribute = compilation.GetTypeByMetadataName(KnownNames.TaskEnvironmentAttribute);
        TaskContext = compilation.GetTypeByMetadataName(KnownNames.TaskContextInterface);
        FlyteFile = compilation.GetTypeByMetadataName("Flyte.FlyteFile");
        FlyteDirectory = compilation.GetTypeByMetadataName("Flyte.FlyteDirectory");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        ReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        ReadOnlyDictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
    }

    /// <summary>The records of this compilation read so far, by symbol (only those that are valid).</summary>
    public ConcurrentDictionary<ITypeSymbol, Model.TypeModel> ParsedRecords { get; } = new(SymbolEqualityComparer.Default);

    public static KnownTypes For(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public INamedTypeSymbol? TaskAttribute { get; }
    public INamedTypeSymbol? WorkflowAttribute { get; }
    public INamedTypeSymbol? TaskEnvironmentAttribute { get; }
    public INamedTypeSymbol? TaskContext { get; }
    public INamedTypeSymbol? FlyteFile { get; }
    public INamedTypeSymbol? FlyteDirectory { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? List { get; }
    public INamedTypeSymbol? ReadOnlyList { get; }
    public INamedTypeSymbol? Dictionary { get; }
    public INamedTypeSymbol? ReadOnlyDictionary { get; }

    /// <summary>Whether <paramref name="type"/> (or, for a constructed generic, its definition) is <paramref name="known"/>.</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol? attributeType) =>
        attributeType is null ? null : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    public bool IsTask(IMethodSymbol method) => Attribute(method, TaskAttribute) is not null;

    public bool IsWorkflow(IMethodSymbol method) => Attribute(method, WorkflowAttribute) is not null;

    public bool IsTaskOrWorkflow(IMethodSymbol method) => IsTask(method) || IsWorkflow(method);

    /// <summary>
    /// Whether this compilation declares a [Task] or [Workflow] method named <paramref name="name"/>: the cheap test a
    /// call site passes before it is bound. Answered from the compiler's declaration table, once per name.
    /// </summary>
    public bool MayBeTaskName(string name) =>
        _taskMethodNames.GetOrAdd(name, n => _compilation.GetSymbolsWithName(n, SymbolFilter.Member)
            .OfType<IMethodSymbol>()
            .Any(IsTaskOrWorkflow));
}
