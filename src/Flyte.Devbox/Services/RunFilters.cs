using System.Globalization;
using Flyte.Devbox.State;
using Flyteidl2.Common;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// The filters of a ListRuns request, as a test of each run. The devbox knows three fields: <c>name</c> (the run's),
/// <c>task_name</c> (its root task's) and <c>phase</c> (an ActionPhase name such as <c>PHASE_SUCCEEDED</c> or
/// <c>SUCCEEDED</c>, or its number). Any other field, function or a raw (REST) filter is refused with INVALID_ARGUMENT
/// rather than ignored, which would answer every run (docs/devbox-input.md).
/// </summary>
public sealed class RunFilters
{
    private readonly List<Func<RunRecord, bool>> _tests;

    private RunFilters(List<Func<RunRecord, bool>> tests) => _tests = tests;

    public bool Any => _tests.Count > 0;

    public bool Match(RunRecord run) => _tests.TrueForAll(test => test(run));

    public static RunFilters From(ListRequest? request)
    {
        var tests = new List<Func<RunRecord, bool>>();
        if (request is null)
        {
            return new RunFilters(tests);
        }
        if (request.RawFilters.Count > 0)
        {
            throw Invalid($"request.raw_filters {Shown.Value(request.RawFilters[0])} is not supported: use request.filters");
        }
        foreach (var filter in request.Filters)
        {
            tests.Add(filter.Field switch
            {
                "name" => TextTest(filter, run => run.Key.Name),
                "task_name" => TextTest(filter, run => run.RootTaskName),
                "phase" => PhaseTest(filter),
                _ => throw Invalid($"request.filters field {Shown.Value(filter.Field)} is not supported: filter on name, task_name or phase"),
            });
        }
        return new RunFilters(tests);
    }

    private static Func<RunRecord, bool> TextTest(Filter filter, Func<RunRecord, string> field)
    {
        string value = Single(filter);
        return filter.Function switch
        {
            Filter.Types.Function.Equal => run => field(run) == value,
            Filter.Types.Function.NotEqual => run => field(run) != value,
            Filter.Types.Function.Contains => run => field(run).Contains(value, StringComparison.Ordinal),
            Filter.Types.Function.ValueIn => ValueIn(filter, field),
            _ => throw Unsupported(filter, "EQUAL, NOT_EQUAL, CONTAINS or VALUE_IN"),
        };
    }

    private static Func<RunRecord, bool> PhaseTest(Filter filter)
    {
        var phases = filter.Values.Select(PhaseOf).ToHashSet();
        if (phases.Count == 0)
        {
            throw Invalid("request.filters on phase need a value");
        }
        return filter.Function switch
        {
            Filter.Types.Function.Equal when phases.Count == 1 => run => phases.Contains(run.Phase),
            Filter.Types.Function.NotEqual when phases.Count == 1 => run => !phases.Contains(run.Phase),
            Filter.Types.Function.ValueIn => run => phases.Contains(run.Phase),
            _ => throw Unsupported(filter, "EQUAL or NOT_EQUAL with one value, or VALUE_IN"),
        };
    }

    private static int PhaseOf(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && Enum.IsDefined(typeof(ActionPhase), number))
        {
            return number;
        }
        // SUCCEEDED, PHASE_SUCCEEDED or ACTION_PHASE_SUCCEEDED; C#'s member is Succeeded (TIMED_OUT: TimedOut).
        string name = value;
        foreach (string prefix in (string[])["ACTION_PHASE_", "PHASE_"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }
        string member = name.Replace("_", "", StringComparison.Ordinal);
        if (member.Length > 0 && member.All(char.IsAsciiLetter) && Enum.TryParse(member, ignoreCase: true, out ActionPhase phase))
        {
            return (int)phase;
        }
        throw Invalid($"request.filters phase {Shown.Value(value)} is not an action phase: use a name such as SUCCEEDED or its number");
    }

    private static Func<RunRecord, bool> ValueIn(Filter filter, Func<RunRecord, string> field)
    {
        var values = filter.Values.ToHashSet(StringComparer.Ordinal);
        return run => values.Contains(field(run));
    }

    private static string Single(Filter filter) => filter.Function == Filter.Types.Function.ValueIn
        ? ""
        : filter.Values.Count == 1 ? filter.Values[0] : throw Invalid($"request.filters {filter.Function} on {filter.Field} needs exactly one value, not {filter.Values.Count}");

    private static RpcException Unsupported(Filter filter, string supported) =>
        Invalid($"request.filters function {filter.Function} is not supported on {filter.Field}: use {supported}");

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
