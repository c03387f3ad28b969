using Flyte;

namespace DevboxTests;

/// <summary>Tasks whose inputs or outputs are large, for message size limits on the way.</summary>
[TaskEnvironment("sizes")]
public static partial class Sizes
{
    /// <summary>A string of <paramref name="length"/> characters: past gRPC's default 4 MB receive limit when large.</summary>
    [Task]
    public static string Text(int length) => new('x', length);
}
