using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>Turns a [Task] or [Workflow] method symbol into a <see cref="TaskModel"/> and its diagnostics.</summary>
internal static class TaskParser
{
    private static readonly SymbolDisplayFormat FullyQualified = MethodIdentity.FullyQualified;

    private static readonly SymbolDisplayFormat MethodDisplay = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    public static TaskParseResult Parse(GeneratorAttributeSyntaxContext context, bool isWorkflow, CancellationToken cancellationToken) =>
        ReusedParses.GetOrParse(context.TargetNode, isWorkflow, context.SemanticModel.Compilation, () => ParseNow(context, isWorkflow, cancellationToken));

    private static TaskParseResult ParseNow(GeneratorAttributeSyntaxContext context, bool isWorkflow, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var known = KnownTypes.For(context.SemanticModel.Compilation);
        var diagnostics = new List<DiagnosticInfo>();
        if (isWorkflow && known.IsTask(method))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskAndWorkflow, method.Locations.FirstOrDefault(), method.Name));
            return new TaskParseResult(null, null, null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        var task = Parse(method, isWorkflow, context.SemanticModel.Compilation, known, diagnostics, cancellationToken);
        if (task is not null && isWorkflow && context.TargetNode is MethodDeclarationSyntax declaration
            && !CallsAnyTask(declaration, context.SemanticModel, known, cancellationToken))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WorkflowCallsNoTask, method.Locations.FirstOrDefault(), method.Name));
        }
        string? codeVersion = task is { Options.CacheVersion: null } && context.TargetNode is MethodDeclarationSyntax syntax
            ? CodeVersion.Of(syntax)
            : null;
        var declared = task is null ? null : new TaskDeclarationInfo(
            task.TaskName, task.MethodKey, task.OverloadKey,
            method.ToDisplayString(MethodDisplay), LocationInfo.From(method.Locations.FirstOrDefault()));
        return new TaskParseResult(task, codeVersion, declared, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    /// <summary>Parses a task method; null (with diagnostics) when it cannot be a task.</summary>
    private static TaskModel? Parse(IMethodSymbol method, bool isWorkflow, Compilation compilation, KnownTypes known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        Location? location = method.Locations.FirstOrDefault();
        string attributeName = isWorkflow ? "Workflow" : "Task";
        int errorsBefore = diagnostics.Count;
        var container = method.ContainingType;

        if (!method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TaskMustBeStatic, location, method.Name, attributeName));
        }
        if (method.IsGenericMethod)
        {
            // Its parameter types are type parameters; reporting them too would only repeat this.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericTask, location, method.Name));
            return null;
        }
        CheckContainer(container, diagnostics);

        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parameters.Add(ParseParameter(parameter, compilation, known, diagnostics));
        }
        var inputNames = parameters.Where(p => p.Role == ParameterRole.Input).Select(p => p.Name).ToArray();

        var returns = ParseReturn(method, compilation, known, location, diagnostics);

        var environment = new AttributeValues(KnownTypes.Attribute(container, known.TaskEnvironmentAttribute));
        string environmentName = environment.ConstructorString(0) ?? EnvironmentNames.FromClassName(container.Name);
        if (!EnvironmentNames.IsValid(environmentName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEnvironmentName, environment.Attribute is null ? container.Locations.FirstOrDefault() : environment.ConstructorArgumentLocation(0), environmentName));
        }

        var options = new AttributeValues(KnownTypes.Attribute(method, isWorkflow ? known.WorkflowAttribute : known.TaskAttribute));
        var optionsModel = OptionsParser.Parse(options, environment, inputNames, diagnostics);
        string functionName = options.String("Name") is { Length: > 0 } overridden ? overridden : method.Name;
        var triggers = TriggerParser.Parse(method, known, parameters, diagnostics);
        var reuse = ReuseParser.Parse(new AttributeValues(KnownTypes.Attribute(container, known.ReusableAttribute)), diagnostics);

        if (diagnostics.Skip(errorsBefore).Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error) || returns is null)
        {
            return null;
        }

        return new TaskModel(
            Namespace: container.ContainingNamespace.IsGlobalNamespace ? "" : container.ContainingNamespace.ToDisplayString(),
            EnclosingTypeDeclarations: EnclosingTypeDeclarations(container),
            ContainerMetadataName: MethodIdentity.MetadataName(container),
            ContainingTypeFullName: container.ToDisplayString(FullyQualified),
            ContainingTypeDisplayName: container.ToDisplayString(),
            MethodName: method.Name,
            Signature: MethodIdentity.Signature(method),
            TaskName: environmentName + "." + functionName,
            ShortName: functionName,
            EnvironmentName: environmentName,
            EnvironmentDescription: environment.String("Description"),
            IsWorkflow: isWorkflow,
            Parameters: new EquatableArray<ParameterModel>(parameters),
            Return: returns,
            Options: optionsModel,
            Triggers: triggers,
            Reuse: reuse);
    }

    /// <summary>Outermost first: "partial class Outer", "partial record Inner", so generated parts can reopen them.</summary>
    internal static EquatableArray<string> EnclosingTypeDeclarations(INamedTypeSymbol container)
    {
        var declarations = new List<string>();
        for (var type = container; type is not null; type = type.ContainingType)
        {
            string keyword = type.IsRecord ? "record" : "class";
            declarations.Insert(0, $"partial {keyword} {type.Name}");
        }
        return new EquatableArray<string>(declarations);
    }

    internal static void CheckContainer(INamedTypeSymbol container, List<DiagnosticInfo> diagnostics)
    {
        for (var type = container; type is not null; type = type.ContainingType)
        {
            Location? location = type.Locations.FirstOrDefault();
            if (type.TypeKind != TypeKind.Class)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedContainer, location, type.Name, "tasks must be declared in a class"));
                return;
            }
            if (type.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedContainer, location, type.Name, "a generic class has no single task interface; move the tasks to a non-generic class"));
                return;
            }
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                // The dispatch table and the call interceptors live outside the class and must reach its tasks.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedContainer, location, type.Name, "a private or protected class is out of reach of the generated dispatch table; make it internal or public"));
                return;
            }
            bool isPartial = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainerMustBePartial, location, type.Name));
                return;
            }
        }
    }

    internal static ParameterModel ParseParameter(IParameterSymbol parameter, Compilation compilation, KnownTypes known, List<DiagnosticInfo> diagnostics)
    {
        Location? location = parameter.Locations.FirstOrDefault();
        string typeName = parameter.Type.ToDisplayString(FullyQualified);
        string? modifier = parameter.RefKind switch
        {
            RefKind.Ref => "ref",
            RefKind.Out => "out",
            RefKind.In => "in",
            RefKind.RefReadOnlyParameter => "ref readonly",
            _ => parameter.IsParams ? "params" : null,
        };
        if (modifier is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByReferenceParameter, location, parameter.Name, modifier));
            return new ParameterModel(parameter.Name, ParameterRole.Input, null, typeName, null);
        }

        if (ParameterRoles.Of(parameter, known) is var role and not ParameterRole.Input)
        {
            return new ParameterModel(parameter.Name, role, null, typeName, null);
        }
        var type = TypeParser.Parse(parameter.Type, compilation, out string? unsupported);
        if (type is null)
        {
            // Displayed only for the diagnostic: every task is parsed again after any edit.
            string definition = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, unsupported ?? definition, DiagnosticDescriptors.SupportedTypes));
        }
        var defaultValue = type is null ? null : MemberDefaults.OfParameter(parameter, type);
        return new ParameterModel(parameter.Name, ParameterRole.Input, type, typeName, null, defaultValue);
    }

    internal static ReturnModel? ParseReturn(IMethodSymbol method, Compilation compilation, KnownTypes known, Location? location, List<DiagnosticInfo> diagnostics)
    {
        string returnTypeName = method.ReturnType.ToDisplayString(FullyQualified);
        (ReturnKind kind, ITypeSymbol? result) = ReturnKinds.Of(method, known);
        if (result is null)
        {
            return new ReturnModel(kind, returnTypeName, null, EquatableArray<OutputModel>.Empty, IsTuple: false);
        }

        var outputs = new List<OutputModel>();
        bool isTuple = result.IsTupleType;
        if (isTuple)
        {
            var elements = ((INamedTypeSymbol)result).TupleElements;
            for (int i = 0; i < elements.Length; i++)
            {
                var element = elements[i];
                string name = element.IsExplicitlyNamedTupleElement ? element.Name : "o" + i;
                var type = ParseOutput(element.Type, method, compilation, location, diagnostics);
                if (type is null)
                {
                    return null;
                }
                outputs.Add(new OutputModel(name, "Item" + (i + 1), type));
            }
        }
        else
        {
            var type = ParseOutput(result, method, compilation, location, diagnostics);
            if (type is null)
            {
                return null;
            }
            outputs.Add(new OutputModel("o0", "", type));
        }
        return new ReturnModel(kind, returnTypeName, result.ToDisplayString(FullyQualified), new EquatableArray<OutputModel>(outputs), isTuple);
    }

    private static TypeModel? ParseOutput(ITypeSymbol type, IMethodSymbol method, Compilation compilation, Location? location, List<DiagnosticInfo> diagnostics)
    {
        var model = TypeParser.Parse(type, compilation, out string? unsupported);
        if (model is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, method.Name, unsupported ?? type.ToDisplayString(), DiagnosticDescriptors.SupportedTypes));
        }
        return model;
    }

    private static bool CallsAnyTask(MethodDeclarationSyntax declaration, SemanticModel semanticModel, KnownTypes known, CancellationToken cancellationToken)
    {
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null)
        {
            return false;
        }
        foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol called && (known.IsTaskOrWorkflow(called) || known.IsRemoteTask(called)))
            {
                return true;
            }
        }
        return false;
    }
}
