using Flyte.Generation;

namespace Flyte;

/// <summary>
/// Groups the child actions a task starts, as flyte-sdk's <c>flyte.group</c> does:
/// <code>
/// using (FlyteGroup.Begin("training"))
/// {
///     await Task.WhenAll(folds.Select(fold => Train(fold)));
/// }
/// </code>
/// Every task called inside the block, on this async flow, is a child action in the group: the group is sent with the
/// action, it is part of the action's name (so the same call in two groups is two actions), and run trees show the
/// group as a folder. Groups do not nest: an inner group replaces the outer one until it ends, as in flyte-sdk. A task
/// called in a group starts its own calls in no group. Outside a Flyte run a group does nothing.
/// </summary>
public static class FlyteGroup
{
    /// <summary>Starts a group; dispose the result to end it.</summary>
    /// <param name="name">The group's name, shown in run trees; any non-blank text.</param>
    /// <exception cref="ArgumentException">The name is null, empty or blank.</exception>
    public static IDisposable Begin(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a group needs a name: FlyteGroup.Begin(\"training\")", nameof(name));
        }
        return FlyteContext.EnterGroup(name);
    }
}
