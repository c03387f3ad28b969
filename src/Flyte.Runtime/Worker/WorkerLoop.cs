using System.Collections.Concurrent;
using System.Globalization;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Execution;
using Flyte.Tasks;
using Flyte.Workers;

namespace Flyte.Runtime.Worker;

/// <summary>
/// A worker's life after it has said hello: it takes attempts from the devbox and runs each on a thread of its own,
/// as a0 would run it alone (the same arguments, its own variables, its own log), with the code loaded once; it cancels
/// an attempt when told to; it ends when the devbox closes the connection (docs/workers.md, The worker protocol).
/// </summary>
internal sealed class WorkerLoop(WorkerChannel channel, TextWriter workerLog, Func<string, string?> processEnvironment)
{
    private readonly WorkerCode _code = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public int Run()
    {
        try
        {
            while (channel.Receive() is { } message)
            {
                switch (message.Type)
                {
                    case WorkerMessage.Run when message.Id is not null && message.Args is not null:
                        Start(message.Id, message.Args, message.Env ?? new Dictionary<string, string>());
                        break;
                    case WorkerMessage.Cancel when message.Id is not null:
                        // An attempt that has just ended is no longer here: nothing to cancel.
                        if (_running.TryGetValue(message.Id, out var running))
                        {
                            running.Cancel();
                        }
                        break;
                    default:
                        workerLog.WriteLine($"a0 worker: ignored a {message.Type} message it cannot use");
                        break;
                }
            }
            workerLog.WriteLine("a0 worker: the devbox closed the connection; stopping");
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            workerLog.WriteLine($"a0 worker: lost the devbox ({e.Message}); stopping");
        }
        // Nobody reads what the attempts still running would report, and the devbox runs them again elsewhere.
        foreach (var running in _running.Values)
        {
            running.Cancel();
        }
        return 0;
    }

    private void Start(string id, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var cancellation = new CancellationTokenSource();
        if (!_running.TryAdd(id, cancellation))
        {
            workerLog.WriteLine($"a0 worker: attempt {id} is running already; ignored its second run message");
            return;
        }
        // A thread, not the thread pool: a0 blocks on the task, and attempts must not wait for one another's threads.
        var thread = new Thread(() => RunAttempt(id, args, environment, cancellation))
        {
            IsBackground = true,
            Name = "attempt " + id,
        };
        thread.Start();
    }

    private void RunAttempt(string id, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, CancellationTokenSource cancellation)
    {
        int exit;
        using var log = new ActionLogWriter(channel, id);
        using (ActionConsole.Route(log))
        {
            try
            {
                exit = Run(args, Variables(environment), log, cancellation.Token);
            }
            catch (Exception e)
            {
                // Where a0 alone would crash, the worker must not: its other attempts run on. The executor fails an
                // attempt that left no outputs.pb or error.pb as a system error.
                log.WriteLine($"a0: error: {e}");
                exit = 1;
            }
        }
        log.Flush();
        _running.TryRemove(id, out _);
        cancellation.Dispose();
        try
        {
            channel.Send(new WorkerMessage(WorkerMessage.Done) { Id = id, Exit = exit });
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The devbox went away; the loop is stopping the worker.
        }
    }

    /// <summary>As <see cref="A0Command.Run"/> for one attempt, with the attempt's variables before the worker's own.</summary>
    private int Run(IReadOnlyList<string> args, Func<string, string?> variables, TextWriter log, CancellationToken cancellationToken)
    {
        A0ParseResult parsed = A0ArgumentParser.Parse(args, variables);
        foreach (string warning in parsed.Warnings)
        {
            log.WriteLine($"a0: warning: {warning}");
        }
        if (!parsed.Succeeded)
        {
            log.WriteLine($"a0: error: {parsed.Error}");
            return A0Command.UsageError;
        }
        int attempt = int.TryParse(variables(A0Command.AttemptNumberVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : 0;
        // The attempt's secrets are among its variables, not the worker's: tasks read them through their context.
        return new ActionRunner(log, _code).Run(parsed.Arguments, attempt, cancellationToken, new TaskSecrets(variables, null));
    }

    private Func<string, string?> Variables(IReadOnlyDictionary<string, string> environment) =>
        name => environment.TryGetValue(name, out string? value) ? value : processEnvironment(name);
}
