using System.Linq;
using System.Threading;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators.Parsing;

/// <summary>
/// Finds the calls to task and trace methods that interceptors route to the Flyte context. Syntax first: only an
/// invocation whose name is the name of a [Task], [Workflow] or [Trace] method of the compilation is bound, so the rest of the code costs one
/// name lookup per call.
/// </summary>
internal static class CallSiteParser
{
    /// <summary>The syntax filter: an invocation by a plain or member-access name (<c>Square(x)</c>, <c>Tasks.Square(x)</c>).</summary>
    public static bool IsCandidate(SyntaxNode node) => node is InvocationExpressionSyntax invocation && CalledName(invocation) is not null;

    public static InterceptModel? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var compilation = context.SemanticModel.Compilation;
        var known = KnownTypes.For(compilation);
        if (CalledName(invocation) is not { } name || !known.MayBeTaskName(name))
        {
            return null;
        }
        if (context.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !known.IsCallTarget(method)
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
        {
            return null;
        }
        var location = context.SemanticModel.GetInterceptableLocation(invocation, cancellationToken);
        return location is null ? null : new InterceptModel(location.Version, location.Data, FileAndPosition(location.GetDisplayLocation()), Target(method, known));
    }

    private static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
        _ => null,
    };

    private static CallTargetModel Target(IMethodSymbol method, KnownTypes known)
    {
        string containingType = method.ContainingType.ToDisplayString(MethodIdentity.FullyQualified);
        var parameters = method.Parameters
            .Select(p => new CallParameterModel(p.Name, p.Type.ToDisplayString(MethodIdentity.FullyQualified), ParameterRoles.Of(p, known)));
        (ReturnKind kind, ITypeSymbol? result) = ReturnKinds.Of(method, known);
        string methodKey = MethodIdentity.Key(method);
        bool isTrace = known.IsTrace(method) && !known.IsTaskOrWorkflow(method);
        return new CallTargetModel(
            methodKey,
            isTrace ? MethodKeys.TraceDefinitionTypeName(methodKey, method.Name) : MethodKeys.DefinitionTypeName(containingType, method.Name),
            containingType,
            method.Name,
            new EquatableArray<CallParameterModel>(parameters),
            kind,
            method.ReturnType.ToDisplayString(MethodIdentity.FullyQualified),
            HasResult: result is not null,
            IsTrace: isTrace);
    }

    /// <summary>"File.cs(12,5)" without the folder, so generated source does not depend on where the repo lives.</summary>
    private static string FileAndPosition(string location)
    {
        int slash = location.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? location : location.Substring(slash + 1);
    }
}
