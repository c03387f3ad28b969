using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>How a task method returns, and the type of its result (null when it has none).</summary>
internal static class ReturnKinds
{
    public static (ReturnKind Kind, ITypeSymbol? Result) Of(IMethodSymbol method, KnownTypes known)
    {
        var type = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return (ReturnKind.Void, null);
        }
        if (KnownTypes.Is(type, known.Task))
        {
            return (ReturnKind.Task, null);
        }
        if (KnownTypes.Is(type, known.ValueTask))
        {
            return (ReturnKind.ValueTask, null);
        }
        if (KnownTypes.Is(type, known.TaskOfT))
        {
            return (ReturnKind.TaskOfValue, ((INamedTypeSymbol)type).TypeArguments[0]);
        }
        if (KnownTypes.Is(type, known.ValueTaskOfT))
        {
            return (ReturnKind.ValueTaskOfValue, ((INamedTypeSymbol)type).TypeArguments[0]);
        }
        return (ReturnKind.Value, type);
    }
}
