namespace Flyte.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it one input and returns when the parser kept its contract
/// (it succeeded, or failed the documented way); anything it throws is a finding.
/// </summary>
/// <param name="Name">The name tools/fuzz/run.sh and the corpus folders use.</param>
/// <param name="Input">What the input bytes mean, for docs/fuzzing.md and the harness's usage text.</param>
/// <param name="Instrumented">
/// The code whose coverage guides AFL: each item an assembly file, then the namespaces in it to instrument (none for all),
/// separated by spaces, as tools/fuzz/run.sh passes them to sharpfuzz.
/// </param>
public sealed record FuzzTarget(string Name, string Input, IReadOnlyList<string> Instrumented, Action<byte[]> Run);
