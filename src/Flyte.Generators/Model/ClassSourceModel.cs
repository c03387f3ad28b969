using System.Collections.Generic;
using System.Linq;

namespace Flyte.Generators.Model;

/// <summary>What one user class's generated file is made from: the class, and its tasks in method-key order.</summary>
internal sealed record ClassSourceModel(TaskClassModel Class, EquatableArray<TaskSourceModel> Tasks)
{
    public static IEnumerable<ClassSourceModel> Group(IEnumerable<TaskSourceModel> tasks) =>
        tasks
            .GroupBy(t => t.Task.ContainerMetadataName, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .Select(g => new ClassSourceModel(
                TaskClassModel.Of(g.First().Task),
                new EquatableArray<TaskSourceModel>(g.OrderBy(t => t.Task.MethodKey, System.StringComparer.Ordinal))));
}
