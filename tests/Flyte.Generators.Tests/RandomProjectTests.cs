using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Tests;

/// <summary>
/// Property-style: many random user projects (see <see cref="RandomProjects"/>). Each compiles with no warning, reports
/// FLY005 exactly for its overloads, and every echo task gives back the value sent to it, through the generated input
/// and output converters and the literals' bytes.
/// </summary>
public class RandomProjectTests
{
    private static readonly JsonSerializerOptions Comparable = new() { IncludeFields = true };

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 1; seed <= 30; seed++)
        {
            seeds.Add(seed);
        }
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_random_project_compiles_cleanly_and_round_trips_its_values(int seed)
    {
        var project = new RandomProjects(seed);
        var files = project.Write();

        var result = GeneratorHarness.Run(files);

        string sources = string.Join("\n", files.Select(f => $"// {f.Path}\n{f.Source}"));
        Assert.True(result.GeneratorDiagnostics.All(d => d.Id == "FLY005"), $"{string.Join("\n", result.GeneratorDiagnostics)}\n{sources}");
        Assert.Equal(project.Overloads, result.GeneratorDiagnostics.Length);
        Assert.True(!result.Problems.Any(), $"{string.Join("\n", result.Problems.Select(p => $"{p}\n    at: {LineOf(p)}"))}\n{sources}");

        var context = new AssemblyLoadContext($"random-project-{seed}", isCollectible: true);
        try
        {
            var assembly = Load(result.Output, context);
            var samples = assembly.GetType("Samples.Values", throwOnError: true)!;
            foreach (var echo in project.Echoes)
            {
                var container = assembly.GetType(echo.ContainerTypeName, throwOnError: true)!;
                var task = (TaskDefinition)container.GetNestedType("FlyteTasks")!.GetProperty(echo.MethodName)!.GetValue(null)!;
                object? value = samples.GetMethod(echo.SampleMethod)!.Invoke(null, null);
                object?[] arguments = echo.IsPair ? [value, seed] : [value];

                var inputs = (LiteralMap)task.GetType().GetMethod("EncodeInputs")!.Invoke(task, arguments)!;
                var outputs = await task.InvokeAsync(ThroughBytes(inputs), TaskContext.Detached, CancellationToken.None);
                object? decoded = task.GetType().GetMethod("DecodeOutputs")!.Invoke(task, [ThroughBytes(outputs)]);

                object? expected = echo.IsPair ? Tuple(decoded!.GetType(), value, seed) : value;
                Assert.True(
                    JsonSerializer.Serialize(expected, Comparable) == JsonSerializer.Serialize(decoded, Comparable),
                    $"{echo.ContainerTypeName}.{echo.MethodName}: sent {JsonSerializer.Serialize(expected, Comparable)}, got {JsonSerializer.Serialize(decoded, Comparable)}\n{sources}");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The source line a diagnostic points at, generated or not.</summary>
    private static string LineOf(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree
            ? tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
            : "";

    private static LiteralMap ThroughBytes(LiteralMap map) => LiteralMap.Parser.ParseFrom(map.ToByteArray());

    private static object Tuple(Type tupleType, object? first, int count) => Activator.CreateInstance(tupleType, first, count)!;

    private static Assembly Load(Compilation compilation, AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image);
    }
}
