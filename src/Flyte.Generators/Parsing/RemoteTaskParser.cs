using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>
/// Turns a [RemoteTask] declaration into a <see cref="RemoteTaskModel"/> and its diagnostics. Its parameters and result
/// are read as a task's are; unlike a task it has no body of its own (the generator writes one that calls the deployed
/// task), so it must be a <c>static partial</c> method without one, in partial classes, returning Task or Task&lt;T&gt;.
/// </summary>
internal static class RemoteTaskParser
{
    public static RemoteTaskParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var compilation = context.SemanticModel.Compilation;
        var known = KnownTypes.For(compilation);
        var diagnostics = new List<DiagnosticInfo>();
        Location? location = method.Locations.FirstOrDefault();

        if (Refusal(method, known) is { } reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRemoteTask, location, method.Name, reason));
            return Invalid(diagnostics);
        }
        var attribute = new AttributeValues(KnownTypes.Attribute(method, known.RemoteTaskAttribute));
        string remoteName = attribute.ConstructorString(0) ?? "";
        if (remoteName.Trim().Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRemoteTask, attribute.ConstructorArgumentLocation(0) ?? location, method.Name,
                "the deployed task's name is empty; give it as environment.function, e.g. [RemoteTask(\"ml.train\")]"));
            return Invalid(diagnostics);
        }
        TaskParser.CheckContainer(method.ContainingType, diagnostics);

        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parsed = TaskParser.ParseParameter(parameter, compilation, known, diagnostics);
            if (parsed.Role != ParameterRole.Input)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRemoteTask, parameter.Locations.FirstOrDefault(), method.Name,
                    $"parameter '{parameter.Name}' is injected into tasks that run here, but every parameter of a deployed task is one of its inputs; remove it"));
            }
            parameters.Add(parsed);
        }
        var returns = TaskParser.ParseReturn(method, compilation, known, location, diagnostics);
        if (returns is null || diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return Invalid(diagnostics);
        }

        var container = method.ContainingType;
        var model = new RemoteTaskModel(
            Namespace: container.ContainingNamespace.IsGlobalNamespace ? "" : container.ContainingNamespace.ToDisplayString(),
            EnclosingTypeDeclarations: TaskParser.EnclosingTypeDeclarations(container),
            ContainerMetadataName: MethodIdentity.MetadataName(container),
            ContainingTypeDisplayName: container.ToDisplayString(),
            MethodName: method.Name,
            Signature: MethodIdentity.Signature(method),
            Accessibility: AccessibilityKeywords(method.DeclaredAccessibility),
            Parameters: new EquatableArray<ParameterModel>(parameters),
            Return: returns,
            RemoteName: remoteName.Trim(),
            Version: NullIfEmpty(attribute.String("Version")),
            Project: NullIfEmpty(attribute.String("Project")),
            Domain: NullIfEmpty(attribute.String("Domain")));
        return new RemoteTaskParseResult(model, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    /// <summary>Why the method cannot be a [RemoteTask] declaration at all; null when it can.</summary>
    private static string? Refusal(IMethodSymbol method, KnownTypes known)
    {
        if (known.IsTaskOrWorkflow(method) || known.IsTrace(method))
        {
            return "it is also marked [Task], [Workflow] or [Trace]; a remote task runs code deployed elsewhere, so keep only [RemoteTask]";
        }
        if (!method.IsStatic)
        {
            return "it must be static";
        }
        if (!method.IsPartialDefinition)
        {
            return "it must be declared 'static partial' without a body; the generator writes the body, which calls the deployed task";
        }
        if (method.PartialImplementationPart is not null)
        {
            return "it already has a body; remove it, the generator writes the body, which calls the deployed task";
        }
        if (method.IsGenericMethod)
        {
            return "it must not be generic; a deployed task has one interface";
        }
        if (!KnownTypes.Is(method.ReturnType, known.Task) && !KnownTypes.Is(method.ReturnType, known.TaskOfT))
        {
            return "it must return Task (no result) or Task<T>, since it runs as a child action and is awaited";
        }
        return null;
    }

    private static string AccessibilityKeywords(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static RemoteTaskParseResult Invalid(List<DiagnosticInfo> diagnostics) => new(null, new EquatableArray<DiagnosticInfo>(diagnostics));
}
