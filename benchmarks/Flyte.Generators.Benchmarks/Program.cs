using BenchmarkDotNet.Running;
using Flyte.Generators.Benchmarks;

if (args is ["steps"])
{
    StepTimes.Print();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
