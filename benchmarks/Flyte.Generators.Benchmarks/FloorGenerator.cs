using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Benchmarks;

/// <summary>
/// The floor under any generator that finds tasks by attribute: the compiler's ForAttributeWithMetadataName over
/// [Task] with a transform that only reads the method's name, and one output. What an edit costs the Flyte generator
/// beyond this is its own work.
/// </summary>

public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Flyte.TaskAttribute", static (node, _) => node is MethodDeclarationSyntax, static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(names.Collect(), static (spc, all) => spc.AddSource("Names.g.cs", $"// {all.Length} tasks"));
    }
}
