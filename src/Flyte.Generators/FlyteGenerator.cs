using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Emitting;
using Flyte.Generators.Model;
using Flyte.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flyte.Generators;

/// <summary>
/// Turns [Task] and [Workflow] methods into Flyte task definitions at compile time.
/// Parser (symbols → equatable models), Emitter (models → source). Diagnostics, which carry source locations, are
/// their own outputs: the models that drive generated source carry none, so an edit that only moves code (a comment
/// above a task) emits nothing again (the reasoning of System.Text.Json's generator, dotnet/runtime#92509).
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
        public const string Traces = nameof(Traces);
        public const string RemoteTasks = nameof(RemoteTasks);
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

        // Diagnostics: each method's own, then the ones that compare methods (duplicate names, overloads).
        context.RegisterSourceOutput(tasks.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) => ReportDiagnostics(spc, diagnostics));
        context.RegisterSourceOutput(workflows.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) => ReportDiagnostics(spc, diagnostics));
        var declarations = tasks.Select(static (r, _) => r.Declaration).Collect()
            .Combine(workflows.Select(static (r, _) => r.Declaration).Collect())
            .Select(static (pair, _) => new EquatableArray<TaskDeclarationInfo>(pair.Left.AddRange(pair.Right).Where(d => d is not null).Select(d => d!)));
        context.RegisterSourceOutput(declarations, static (spc, all) => ReportDiagnostics(spc, DuplicateTasks.Diagnostics(all)));

        // The overloads after the first of each method name: not generated. Equal from one edit to the next unless
        // overloads come or go, so it leaves every task's cached source alone.
        var leftOut = declarations.Select(static (all, _) => DuplicateTasks.OverloadsLeftOut(all));

        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "");

        // One file per user class. Each task's source model is made again only when its parse result changed, so
        // after a body edit only that task's class groups to a different model and is emitted again.
        var taskSources = tasks.Where(static r => r.Task is not null).Select(static (r, _) => new TaskSourceModel(r.Task!, r.CodeVersion)).Collect();
        var workflowSources = workflows.Where(static r => r.Task is not null).Select(static (r, _) => new TaskSourceModel(r.Task!, r.CodeVersion)).Collect();
        var classSources = taskSources.Combine(workflowSources).Combine(leftOut)
            .SelectMany(static (input, _) => ClassSourceModel.Group(
                input.Left.Left.AddRange(input.Left.Right).Where(source => !input.Right.Contains(source.Task.MethodKey))))
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(classSources.Combine(assemblyName), static (spc, pair) =>
            spc.AddSource(TaskClassEmitter.HintName(pair.Left.Class), TaskClassEmitter.Emit(pair.Left, pair.Right)));

        var allTasks = tasks.Select(static (r, _) => r.Task).Collect()
            .Combine(workflows.Select(static (r, _) => r.Task).Collect())
            .Combine(leftOut)
            .Select(static (input, _) => new EquatableArray<TaskModel>(input.Left.Left.AddRange(input.Left.Right)
                .Where(t => t is not null && !input.Right.Contains(t.MethodKey))
                .Select(t => t!)))
            .WithTrackingName(TrackingNames.AllTasks);

        // Traces: their own diagnostics, one file of definitions, and their types among the records.
        var traces = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.TraceAttribute, static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => TraceParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Traces);
        context.RegisterSourceOutput(traces.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) => ReportDiagnostics(spc, diagnostics));
        var allTraces = traces.Select(static (r, _) => r.Trace).Collect()
            .Select(static (all, _) => new EquatableArray<TraceModel>(all.Where(t => t is not null).Select(t => t!)));
        context.RegisterSourceOutput(allTraces, static (spc, all) =>
        {
            if (all.Count > 0)
            {
                spc.AddSource(TraceEmitter.HintName, TraceEmitter.Emit(all.ToList()));
            }
        });

        // Remote tasks: their own diagnostics, one file with their bodies and definitions, a place in the table.
        var remoteTasks = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.RemoteTaskAttribute, static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => RemoteTaskParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.RemoteTasks);
        context.RegisterSourceOutput(remoteTasks.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) => ReportDiagnostics(spc, diagnostics));
        var allRemoteTasks = remoteTasks.Select(static (r, _) => r.RemoteTask).Collect()
            .Select(static (all, _) => new EquatableArray<RemoteTaskModel>(all.Where(t => t is not null).Select(t => t!)));
        context.RegisterSourceOutput(allRemoteTasks, static (spc, all) =>
        {
            if (all.Count > 0)
            {
                spc.AddSource(RemoteTaskEmitter.HintName, RemoteTaskEmitter.Emit(all.ToList()));
            }
        });

        context.RegisterSourceOutput(allTasks.Combine(allRemoteTasks).Combine(assemblyName), static (spc, input) =>
        {
            var all = input.Left.Left.ToList();
            var remote = input.Left.Right.ToList();
            if (all.Count > 0 || remote.Count > 0)
            {
                spc.AddSource(TableEmitter.HintName, TableEmitter.Emit(all, remote, input.Right));
            }
        });
        context.RegisterSourceOutput(allTasks.Combine(allTraces).Combine(allRemoteTasks), static (spc, input) =>
        {
            var records = RecordEmitter.CollectRecords(
                input.Left.Left.Select(t => (t.Parameters, t.Return))
                    .Concat(input.Left.Right.Select(t => (t.Parameters, t.Return)))
                    .Concat(input.Right.Select(t => (t.Parameters, t.Return))));
            if (records.Count > 0)
            {
                spc.AddSource(RecordsEmitter.HintName, RecordsEmitter.Emit(records));
            }
        });

        var callSites = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => CallSiteParser.IsCandidate(node), static (ctx, ct) => CallSiteParser.Parse(ctx, ct))
            .Where(static site => site is not null)
            .Select(static (site, _) => site!)
            .WithTrackingName(TrackingNames.CallSites)
            .Collect();
        // Only calls of tasks and traces that are generated: an invalid one or a left-out overload has no definition to route to.
        var generatedKeys = allTasks.Combine(allTraces)
            .Select(static (pair, _) => new EquatableArray<string>(pair.Left.Select(t => t.MethodKey).Concat(pair.Right.Select(t => t.MethodKey))));

        context.RegisterSourceOutput(callSites.Combine(generatedKeys), static (spc, pair) =>
        {
            var sites = pair.Left.Where(site => pair.Right.Contains(site.Target.MethodKey)).ToList();
            if (sites.Count > 0)
            {
                spc.AddSource(InterceptorEmitter.HintName, InterceptorEmitter.Emit(sites));
            }
        });
    }

    private static void ReportDiagnostics(SourceProductionContext context, IEnumerable<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
