using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>
/// Turns a [Trace] method into a <see cref="TraceModel"/> and its diagnostics. Its parameters and result are read as a
/// task's are (the same types cross the boundary as literals); unlike a task it needs no partial class and no
/// environment, only to be static, non-generic and callable from the generated interceptors.
/// </summary>
internal static class TraceParser
{
    public static TraceParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var compilation = context.SemanticModel.Compilation;
        var known = KnownTypes.For(compilation);
        var diagnostics = new List<DiagnosticInfo>();
        Location? location = method.Locations.FirstOrDefault();

        if (known.IsTask(method) || known.IsWorkflow(method))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TraceOnTask, location, method.Name, known.IsTask(method) ? "Task" : "Workflow"));
            return Invalid(diagnostics);
        }
        if (!method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskMustBeStatic, location, method.Name, "Trace"));
        }
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericTask, location, method.Name));
            return Invalid(diagnostics);
        }
        if (OutOfReach(method) is { } reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TraceOutOfReach, location, method.Name, reason));
        }

        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parameters.Add(TaskParser.ParseParameter(parameter, compilation, known, diagnostics));
        }
        var returns = TaskParser.ParseReturn(method, compilation, known, location, diagnostics);
        if (returns is null || diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return Invalid(diagnostics);
        }

        var container = method.ContainingType;
        var trace = new TraceModel(
            ContainerMetadataName: MethodIdentity.MetadataName(container),
            ContainingTypeFullName: container.ToDisplayString(MethodIdentity.FullyQualified),
            ContainingTypeDisplayName: container.ToDisplayString(),
            MethodName: method.Name,
            Signature: MethodIdentity.Signature(method),
            Parameters: new EquatableArray<ParameterModel>(parameters),
            Return: returns,
            CodeVersion: CodeVersion.Of(syntax));
        return new TraceParseResult(trace, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static TraceParseResult Invalid(List<DiagnosticInfo> diagnostics) => new(null, new EquatableArray<DiagnosticInfo>(diagnostics));

    /// <summary>Why the generated code, in the same assembly but outside the method's class, cannot call it; null when it can.</summary>
    private static string? OutOfReach(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            return "it is private or protected; make it internal or public";
        }
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return $"its class '{type.Name}' is private or protected; make it internal or public";
            }
            if (type.IsGenericType)
            {
                return $"its class '{type.Name}' is generic; move the trace to a non-generic class";
            }
        }
        return null;
    }
}
