using Flyte.Fuzz.Targets;

namespace Flyte.Fuzz;

/// <summary>Every target, by the name tools/fuzz/run.sh and the corpus folders (fuzz/corpus/&lt;name&gt;) use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        A0ArgumentsTarget.Target,
        CliInputsTarget.Target,
        ConfigYamlTarget.Target,
        BundleTarget.Target,
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(target => target.Name == name);
}
