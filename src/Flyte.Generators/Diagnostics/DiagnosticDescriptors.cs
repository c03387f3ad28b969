using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Diagnostics;

/// <summary>Every diagnostic the Flyte generator reports. Messages say what is wrong and how to fix it.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Flyte";

    /// <summary>Each diagnostic's help link: its page under docs/diagnostics in the repository.</summary>
    private const string HelpLinkBase = "https://github.com/flyte-dotnet/flyte-dotnet/blob/main/docs/diagnostics/";

    public const string SupportedTypes =
        "bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double, decimal, string, DateTime, DateTimeOffset, TimeSpan, Guid, enums, " +
        "T[], List<T>, IReadOnlyList<T>, Dictionary<string, T>, IReadOnlyDictionary<string, T>, nullable types, records and classes with public properties, FlyteFile, FlyteDirectory, DataFrame";

    public static readonly DiagnosticDescriptor TaskMustBeStatic = new(
        "FLY001", "Task method must be static",
        "'{0}' is marked [{1}] but is not static; make it a static method",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY001"));

    public static readonly DiagnosticDescriptor ContainerMustBePartial = new(
        "FLY002", "Task class must be partial",
        "'{0}' declares Flyte tasks but is not partial; add the 'partial' modifier so Flyte can generate its task handles",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY002"));

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "FLY003", "Unsupported task parameter type",
        "Parameter '{0}' has type '{1}', which Flyte cannot pass between tasks; use one of: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY003"));

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "FLY004", "Unsupported task return type",
        "'{0}' returns '{1}', which Flyte cannot pass between tasks; return void, Task, ValueTask, a supported type, Task<T>/ValueTask<T> of one, or a tuple of them; supported: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY004"));

    public static readonly DiagnosticDescriptor DuplicateTaskName = new(
        "FLY005", "Duplicate task name",
        "Task name '{0}' is used by both '{1}' and '{2}'; rename one method or set Name = \"...\" on its attribute",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY005"));

    public static readonly DiagnosticDescriptor ByReferenceParameter = new(
        "FLY006", "Task parameters are passed by value",
        "Parameter '{0}' is declared '{1}'; task inputs travel as Flyte literals, so remove the modifier and return results instead",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY006"));

    public static readonly DiagnosticDescriptor GenericTask = new(
        "FLY007", "Task methods cannot be generic",
        "'{0}' is generic; a Flyte task has one fixed interface, so write one non-generic task per type",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY007"));

    public static readonly DiagnosticDescriptor InvalidOption = new(
        "FLY008", "Invalid task option",
        "{0} = {1} is not valid: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY008"));

    public static readonly DiagnosticDescriptor InvalidEnvironmentName = new(
        "FLY009", "Invalid environment name",
        "Environment name '{0}' must match ^[a-z0-9]+([_-][a-z0-9]+)*$ (lower-case letters and digits, single '-' or '_' between them)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY009"));

    public static readonly DiagnosticDescriptor WorkflowCallsNoTask = new(
        "FLY010", "Workflow calls no task",
        "Workflow '{0}' never calls a [Task] or [Workflow] method, so it runs as one plain task; call tasks from it or mark it [Task]",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY010"));

    public static readonly DiagnosticDescriptor TaskAndWorkflow = new(
        "FLY011", "Both [Task] and [Workflow]",
        "'{0}' is marked both [Task] and [Workflow]; keep one",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY011"));

    public static readonly DiagnosticDescriptor UnsupportedContainer = new(
        "FLY012", "Unsupported task class",
        "'{0}' cannot hold tasks: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY012"));

    public static readonly DiagnosticDescriptor TaskUsedAsMethodGroup = new(
        "FLY013", "Task used as a method group",
        "'{0}' is passed as a method group, so Flyte cannot route it: the calls run in-process, not as Flyte actions; write a lambda that calls it, such as 'x => {0}(x)'",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY013"));

    public static readonly DiagnosticDescriptor TraceOnTask = new(
        "FLY014", "[Trace] on a task",
        "'{0}' is marked [Trace] and [{1}]; a task call is already recorded as an action of its own, so keep one attribute",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY014"));

    public static readonly DiagnosticDescriptor TraceOutOfReach = new(
        "FLY015", "Trace method out of reach",
        "[Trace] method '{0}' is out of reach of the generated call interceptors: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY015"));

    public static readonly DiagnosticDescriptor InvalidTrigger = new(
        "FLY016", "Invalid trigger",
        "Trigger '{0}' is not valid: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY016"));

    public static readonly DiagnosticDescriptor InvalidRemoteTask = new(
        "FLY017", "Invalid remote task declaration",
        "[RemoteTask] method '{0}' cannot stand for a deployed task: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY017"));

    public static readonly DiagnosticDescriptor InvalidReusePolicy = new(
        "FLY018", "Invalid reuse policy",
        "[Reusable] {0} = {1} is not valid: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("FLY018"));

    private static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
