using System.Collections.Concurrent;
using Flyte.Devbox.Execution;
using Flyte.Local;
using Flyte.Storage;
using Flyteidl2.Core;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// Runs attempts of tasks deployed in flyte-sdk's form (a0 with <c>--resolver
/// flyte._internal.resolvers.default.DefaultTaskResolver mod M instance F</c>, src/flyte/_task.py container_args) the
/// way flyte-sdk's runtime would for the one Python task these tests deploy, <c>ml.train(name: str, epochs: int = 3) ->
/// float</c>, which returns <c>epochs / 2 + len(name)</c>: it reads <c>--inputs</c> and writes
/// <c>--outputs-path</c>/outputs.pb. Every other attempt (C# tasks) goes to <paramref name="inner"/>. Python cannot run
/// here; what is under test is that a C# task enqueues the deployed spec unchanged and reads what it returns.
/// </summary>
internal sealed class PythonTaskLauncher(IActionLauncher inner) : IActionLauncher
{
    public const string Resolver = "flyte._internal.resolvers.default.DefaultTaskResolver";

    /// <summary>The args of every Python attempt, as the executor substituted them.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> PythonAttempts { get; } = new();

    public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        int resolver = IndexOf(request.Args, "--resolver");
        if (resolver < 0 || request.Args[resolver + 1] != Resolver)
        {
            return await inner.RunAsync(request, cancellationToken);
        }
        PythonAttempts.Enqueue(request.Args);
        var loader = request.Args.Skip(resolver + 2).ToList();
        Assert.Equal(["mod", "ml", "instance", "train"], loader);
        var inputs = RunLayout.ToLiteralMap((await ProtoObjects.ReadAsync(Value(request.Args, "--inputs"), Flyteidl2.Task.Inputs.Parser, cancellationToken)).Literals);
        string name = inputs.Literals["name"].Scalar.Primitive.StringValue;
        long epochs = inputs.Literals["epochs"].Scalar.Primitive.Integer;
        var outputs = new LiteralMap { Literals = { ["o0"] = Flyte.Generation.ScalarLiterals.FromDouble(epochs / 2.0 + name.Length) } };
        await ProtoObjects.WriteAsync(ProtoObjects.Join(Value(request.Args, "--outputs-path"), "outputs.pb"), RunLayout.ToOutputs(outputs), cancellationToken);
        return new LaunchResult(0);
    }

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => inner.StopOrphansAsync(workRoot, cancellationToken);

    private static string Value(IReadOnlyList<string> args, string option) => args[IndexOf(args, option) + 1];

    private static int IndexOf(IReadOnlyList<string> args, string option)
    {
        for (int i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == option)
            {
                return i;
            }
        }
        return -1;
    }
}
