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
return await FlyteCommandLine.InvokeAsync(args, CliConsole.FromProcess(), cancellation.Token).ConfigureAwait(false);
