using Flyte.Cli;

// The first Ctrl+C aborts the run and lets the report print; a second one ends the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};
// A service manager stops a long-running command (flyte devbox start) with SIGTERM: stop as cleanly as on Ctrl+C.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        cancellation.Cancel();
    });
return await FlyteCommandLine.InvokeAsync(args, CliConsole.FromProcess(), cancellation.Token).ConfigureAwait(false);
