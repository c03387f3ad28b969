using System.Collections.Immutable;
using Flyte.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Flyte.Generators.Diagnostics;

/// <summary>
/// Warns where a task method is used as a method group (<c>.Select(Square)</c>): interceptors
/// route calls only, so such uses would silently bypass Flyte.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MethodGroupAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TaskUsedAsMethodGroup);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var known = KnownTypes.For(start.Compilation);
            start.RegisterOperationAction(operation => Analyze(operation, known), OperationKind.MethodReference);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownTypes known)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (known.IsCallTarget(reference.Method))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskUsedAsMethodGroup, reference.Syntax.GetLocation(), reference.Method.Name));
        }
    }
}
