using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Emitting;
using Flyte.Generators.Model;
using Flyte.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators;

/// <summary>
/// Turns [Task] and [Workflow] methods into Flyte task definitions at compile time.
/// Parser (symbols → equatable models), Emitter (models → source); diagnostics are their own output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlyteGenerator : IIncrementalGenerator
{
    public static class TrackingNames
    {
        public const string Tasks = nameof(Tasks);
        public const string Workflows = nameof(Workflows);
        public const string Models = nameof(Models);
        public const string AllTasks = nameof(AllTasks);
        public const string CallSites = nameof(CallSites);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tasks = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.TaskAttribute, static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => TaskParser.Parse(ctx, isWorkflow: false, ct))
            .WithTrackingName(TrackingNames.Tasks);
        var workflows = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.WorkflowAttribute, static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => TaskParser.Parse(ctx, isWorkflow: true, ct))
            .WithTrackingName(TrackingNames.Workflows);

        var results = tasks.Collect().Combine(workflows.Collect())
            .Select(static (pair, _) => new EquatableArray<TaskParseResult>(pair.Left.AddRange(pair.Right)));

        context.RegisterSourceOutput(tasks.Select(static (r, _) => r.Diagnostics), ReportDiagnostics);
        context.RegisterSourceOutput(workflows.Select(static (r, _) => r.Diagnostics), ReportDiagnostics);

        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "");

        foreach (var parsed in new[] { tasks, workflows })
        {
            var models = parsed
                .Where(static r => r.Task is not null)
                .Select(static (r, _) => new TaskSourceModel(r.Task!, r.CodeVersion))
                .WithTrackingName(TrackingNames.Models);
            context.RegisterSourceOutput(models.Combine(assemblyName), static (spc, pair) =>
                spc.AddSource(TaskEmitter.HintName(pair.Left.Task), TaskEmitter.Emit(pair.Left, pair.Right)));
        }

        var allTasks = results
            .Select(static (all, _) => new EquatableArray<TaskModel>(all.Where(r => r.Task is not null).Select(r => r.Task!)))
            .WithTrackingName(TrackingNames.AllTasks);

        context.RegisterSourceOutput(allTasks.Combine(assemblyName), static (spc, pair) =>
        {
            var all = pair.Left.ToList();
            foreach (var diagnostic in DuplicateNames(all))
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
            if (all.Count == 0)
            {
                return;
            }
            spc.AddSource(TableEmitter.HintName, TableEmitter.Emit(all, pair.Right));
            var records = RecordEmitter.CollectRecords(all);
            if (records.Count > 0)
            {
                spc.AddSource(RecordsEmitter.HintName, RecordsEmitter.Emit(records));
            }
        });

        var callSites = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => node is InvocationExpressionSyntax, static (ctx, ct) => ParseCallSite(ctx, ct))
            .Where(static site => site is not null)
            .Select(static (site, _) => site!)
            .WithTrackingName(TrackingNames.CallSites)
            .Collect();

        context.RegisterSourceOutput(callSites, static (spc, sites) =>
        {
            if (sites.Length > 0)
            {
                spc.AddSource(InterceptorEmitter.HintName, InterceptorEmitter.Emit(sites));
            }
        });
    }

    private static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static IEnumerable<DiagnosticInfo> DuplicateNames(IReadOnlyList<TaskModel> tasks) =>
        tasks.GroupBy(t => t.TaskName)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(duplicate => new DiagnosticInfo(
                DiagnosticDescriptors.DuplicateTaskName,
                duplicate.Location,
                new EquatableArray<string>(new[]
                {
                    g.Key,
                    g.First().ContainingTypeDisplayName + "." + g.First().MethodName,
                    duplicate.ContainingTypeDisplayName + "." + duplicate.MethodName,
                }))));

    /// <summary>"File.cs(12,5)" without the folder, so generated source does not depend on where the repo lives.</summary>
    private static string DisplayLocation(string location)
    {
        int slash = location.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? location : location.Substring(slash + 1);
    }

    private static InterceptModel? ParseCallSite(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !TaskParser.IsTaskMethod(method)
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, context.SemanticModel.Compilation.Assembly))
        {
            return null;
        }
        var task = TaskParser.Parse(method, TaskParser.IsWorkflowMethod(method), context.SemanticModel.Compilation, new List<DiagnosticInfo>(), cancellationToken);
        if (task is null)
        {
            return null;
        }
        var location = context.SemanticModel.GetInterceptableLocation(invocation, cancellationToken);
        return location is null ? null : new InterceptModel(location.Version, location.Data, DisplayLocation(location.GetDisplayLocation()), task);
    }
}
