using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>Whether a task parameter is an input or something the runtime injects.</summary>
internal static class ParameterRoles
{
    public static ParameterRole Of(IParameterSymbol parameter, KnownTypes known) =>
        KnownTypes.Is(parameter.Type, known.CancellationToken) ? ParameterRole.CancellationToken
        : KnownTypes.Is(parameter.Type, known.TaskContext) ? ParameterRole.TaskContext
        : ParameterRole.Input;
}
