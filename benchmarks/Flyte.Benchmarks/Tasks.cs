namespace Flyte.Benchmarks;

[TaskEnvironment("bench")]
public static partial class BenchTasks
{
    /// <summary>Its outputs are the record and the list: EncodeOutputs/DecodeOutputs are the generated converters under test.</summary>
    [Task]
    public static (Observation Observation, List<int> Values) Echo(Observation observation, List<int> values) => (observation, values);
}
