using Flyte.Fuzz;
using SharpFuzz;

// Flyte.Fuzz <target>                 runs the target under afl-fuzz (tools/fuzz/run.sh), or once on standard input.
// Flyte.Fuzz <target> <file>...       runs the target on each file in this process and prints what each did.
// Flyte.Fuzz <target> --instrumented  prints what run.sh instruments for it: an assembly and its namespaces per line.
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine("usage: Flyte.Fuzz <target> [file... | --instrumented]; targets:");
    foreach (var known in FuzzTargets.All)
    {
        Console.Error.WriteLine($"  {known.Name}: {known.Input}");
    }
    return 2;
}

if (args is [_, "--instrumented"])
{
    foreach (string line in target.Instrumented)
    {
        Console.WriteLine(line);
    }
    return 0;
}

if (args.Length == 1)
{
    // A child process runs the inputs, so a stack overflow or a hang is reported as a crash or a time-out, not lost.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        var input = new MemoryStream();
        stream.CopyTo(input);
        target.Run(input.ToArray());
    });
    return 0;
}

int failed = 0;
foreach (string file in args[1..])
{
    try
    {
        target.Run(File.ReadAllBytes(file));
        Console.WriteLine($"ok    {file}");
    }
    catch (Exception e)
    {
        failed++;
        Console.WriteLine($"FAIL  {file}\n{e}");
    }
}
return failed == 0 ? 0 : 1;
