using System.Net.Sockets;
using Flyte.Workers;

namespace Flyte.Runtime.Worker;

/// <summary><c>a0 worker</c>: connects to the devbox, says hello, then runs the attempts it is fed (<see cref="WorkerLoop"/>).</summary>
internal static class WorkerCommand
{
    /// <param name="args">a0's arguments, the first of which is <see cref="WorkerArguments.Verb"/>.</param>
    public static int Run(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable, TextWriter stdout, TextWriter stderr)
    {
        if (WorkerArguments.Parse(args.Skip(1).ToList(), getEnvironmentVariable, out string error) is not { } worker)
        {
            stderr.WriteLine($"a0 worker: error: {error}");
            return A0Command.UsageError;
        }

        var client = new TcpClient(worker.Devbox.AddressFamily) { NoDelay = true };
        try
        {
            client.Connect(worker.Devbox);
        }
        catch (SocketException e)
        {
            stderr.WriteLine($"a0 worker: error: cannot reach the devbox at {worker.Devbox}: {e.Message}");
            client.Dispose();
            return 1;
        }
        using var channel = new WorkerChannel(client.GetStream());
        channel.Send(new WorkerMessage(WorkerMessage.Hello) { Worker = worker.WorkerId, Pid = Environment.ProcessId, Token = worker.Token });
        stdout.WriteLine($"a0 worker: {worker} started (process {Environment.ProcessId})");

        ActionConsole.Install(stdout, stderr);
        return new WorkerLoop(channel, stdout, getEnvironmentVariable).Run();
    }
}
