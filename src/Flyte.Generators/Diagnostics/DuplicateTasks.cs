using System.Collections.Generic;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Diagnostics;

/// <summary>
/// FLY005: two task methods of one name in one class (overloads), or two tasks of one task name. Each gets one
/// diagnostic, on the later declaration, with the earlier one as its additional location.
/// </summary>
internal static class DuplicateTasks
{
    /// <summary>The <see cref="TaskModel.MethodKey"/>s of the overloads after the first of each method: they are not generated.</summary>
    public static EquatableArray<string> OverloadsLeftOut(EquatableArray<TaskDeclarationInfo> declarations) =>
        new(declarations.GroupBy(d => d.OverloadKey).SelectMany(g => g.Skip(1)).Select(d => d.MethodKey));

    public static IEnumerable<DiagnosticInfo> Diagnostics(EquatableArray<TaskDeclarationInfo> declarations)
    {
        var generated = new List<TaskDeclarationInfo>();
        foreach (var overloads in declarations.GroupBy(d => d.OverloadKey))
        {
            var first = overloads.First();
            generated.Add(first);
            foreach (var overload in overloads.Skip(1))
            {
                yield return Duplicate(first, overload);
            }
        }
        foreach (var sameName in generated.GroupBy(d => d.TaskName).Where(g => g.Count() > 1))
        {
            var first = sameName.First();
            foreach (var duplicate in sameName.Skip(1))
            {
                yield return Duplicate(first, duplicate);
            }
        }
    }

    private static DiagnosticInfo Duplicate(TaskDeclarationInfo first, TaskDeclarationInfo later) => new(
        DiagnosticDescriptors.DuplicateTaskName,
        later.Location,
        new EquatableArray<string>(new[] { later.TaskName, first.MethodDisplay, later.MethodDisplay }),
        first.Location is null ? EquatableArray<LocationInfo>.Empty : new EquatableArray<LocationInfo>(new[] { first.Location }));
}
