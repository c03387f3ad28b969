using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Flyteidl2.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Benchmarks;

/// <summary>
/// Encode + decode of a 10-field record and a list of 1,000 ints: through the generated converters
/// (msgpack STRUCT and a collection literal) against a reflection baseline (System.Text.Json to a
/// generic STRUCT literal, as older Flyte SDKs carried dataclasses).
/// </summary>
[MemoryDiagnoser]
public class LiteralConversionBenchmarks
{
    private static readonly JsonParser ProtobufJsonParser = new(JsonParser.Settings.Default);

    [Benchmark(Baseline = true)]
    public Payload ReflectionJsonStruct()
    {
        var payload = new Payload(SampleData.Observation, SampleData.Values);
        string json = JsonSerializer.Serialize(payload);
        var literal = new Literal { Scalar = new Scalar { Generic = ProtobufJsonParser.Parse<Struct>(json) } };

        string back = JsonFormatter.Default.Format(literal.Scalar.Generic);
        return JsonSerializer.Deserialize<Payload>(back)!;
    }

    [Benchmark]
    public (Observation, List<int>) GeneratedConverters()
    {
        var task = BenchTasks.FlyteTasks.Echo;
        LiteralMap literals = task.EncodeOutputs((SampleData.Observation, SampleData.Values));
        return task.DecodeOutputs(literals);
    }
}
