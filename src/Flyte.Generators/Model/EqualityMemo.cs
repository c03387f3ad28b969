using System.Runtime.CompilerServices;

namespace Flyte.Generators.Model;

/// <summary>
/// Remembers, for a model, the last other instance found equal to it. After an edit every task is parsed again, and
/// each task's new model is compared with its old one; tasks share their records' models (one per record and
/// compilation), so without this the same old and new record trees are compared in depth once per task that uses them.
/// Models are immutable, so a pair once equal stays equal; entries go with the models.
/// </summary>
internal static class EqualityMemo<T>
    where T : class
{
    private sealed class LastEqual
    {
        public volatile T? Other;
    }

    private static readonly ConditionalWeakTable<T, LastEqual> Table = new();

    public static bool KnownEqual(T model, T other) =>
        Table.TryGetValue(model, out var last) && ReferenceEquals(last.Other, other);

    public static void Remember(T model, T other) => Table.GetValue(model, static _ => new LastEqual()).Other = other;
}
