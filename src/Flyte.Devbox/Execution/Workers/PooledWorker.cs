using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Flyte.Workers;

namespace Flyte.Devbox.Execution.Workers;

/// <summary>
/// One <c>a0 worker</c> as its pool sees it: started by a launcher, connected back over loopback, fed attempts with
/// <see cref="RunAsync"/> (docs/workers.md, The worker protocol). When its connection or its process ends, every attempt
/// it was running ends with <see cref="LaunchResult.LostWorker"/> set, which the executor fails as a recoverable system
/// error.
/// </summary>
internal sealed class PooledWorker
{
    /// <summary>How long a worker may take from its start to its hello: an image pull is over by then.</summary>
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a cancelled attempt's task has to return before its worker is killed.</summary>
    internal static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    private readonly LaunchedWorker _process;
    private readonly WorkerChannel _channel;
    private readonly string _logPath;
    private readonly ConcurrentDictionary<string, Attempt> _attempts = new(StringComparer.Ordinal);
    private int _isLost;

    private readonly Action<PooledWorker> _lost;

    private PooledWorker(string id, int pid, LaunchedWorker process, WorkerChannel channel, string logPath, Action<PooledWorker> lost)
    {
        Id = id;
        Pid = pid;
        _process = process;
        _channel = channel;
        _logPath = logPath;
        _lost = lost;
        Ended = ReadAsync();
    }

    public string Id { get; }

    /// <summary>The worker's process id as it sees it (inside a container, the container's).</summary>
    public int Pid { get; }

    /// <summary>Completes when the worker has gone: its connection closed and its process ended.</summary>
    public Task Ended { get; }

    public override string ToString() => $"worker {Id} ({_process.Description}, pid {Pid})";

    /// <summary>
    /// Starts a worker and waits for its hello over a loopback connection of its own; the token it was given proves
    /// it is the worker started here and not another local process.
    /// </summary>
    /// <param name="lost">Called once the worker is of no more use (its connection ended), before the attempts it was
    /// running are ended: its pool takes it out first, so that their next attempts go elsewhere.</param>
    public static async Task<PooledWorker> StartAsync(IWorkerLauncher launcher, string id, WorkerTemplate template, string workingDirectory, string logPath,
        Action<PooledWorker> lost, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 1);
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var environment = new Dictionary<string, string>(template.Environment, StringComparer.Ordinal) { ["FLYTE_WORKER_TOKEN"] = token };
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        var request = new WorkerLaunchRequest(
            ["a0", "worker", "--connect", endpoint.ToString(), "--id", id], environment, workingDirectory, logPath, template.Image, template.Limits);
        var process = await launcher.StartWorkerAsync(request, cancellationToken).ConfigureAwait(false);

        TcpClient? client = null;
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(HelloTimeout);
            var accept = listener.AcceptTcpClientAsync(patience.Token).AsTask();
            if (await Task.WhenAny(accept, process.Exited).ConfigureAwait(false) != accept)
            {
                throw new WorkerStartException($"worker {id} ({process.Description}) exited with code {await process.Exited.ConfigureAwait(false)} before it connected; see its log {logPath}");
            }
            client = await accept.ConfigureAwait(false);
            client.NoDelay = true;
            var channel = new WorkerChannel(client.GetStream());
            var hello = await channel.ReceiveAsync(patience.Token).ConfigureAwait(false);
            if (hello is not { Type: WorkerMessage.Hello, Pid: { } pid } || hello.Worker != id
                || hello.Token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hello.Token), Encoding.UTF8.GetBytes(token)))
            {
                channel.Dispose();
                throw new WorkerStartException($"worker {id} ({process.Description}) did not say hello with its id and token; see its log {logPath}");
            }
            return new PooledWorker(id, pid, process, channel, logPath, lost);
        }
        catch (Exception e)
        {
            client?.Dispose();
            await process.KillAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new WorkerStartException($"worker {id} ({process.Description}) did not connect within {HelloTimeout.TotalSeconds} s; see its log {logPath}", e);
            }
            throw;
        }
    }

    /// <summary>
    /// Runs one attempt on this worker: its log lines go to <see cref="LaunchRequest.LogPath"/>. Cancelling asks the
    /// worker to cancel the attempt's task; a task that has not returned within <see cref="CancelGrace"/> costs the
    /// worker its life, and the other attempts it runs end as lost.
    /// </summary>
    public async Task<LaunchResult> RunAsync(string attemptId, LaunchRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(request.LogPath)!);
        await using var attempt = new Attempt(request.LogPath);
        attempt.Log($"devbox: attempt {attemptId} on {this}");
        _attempts[attemptId] = attempt;
        if (Volatile.Read(ref _isLost) == 1)
        {
            // It died after it was chosen: the attempt never reached it.
            _attempts.TryRemove(attemptId, out _);
            return Lost();
        }
        try
        {
            var run = new WorkerMessage(WorkerMessage.Run) { Id = attemptId, Args = request.Args.Skip(1).ToList(), Env = request.Environment };
            try
            {
                await _channel.SendAsync(run, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The connection is gone; the reader ends the other attempts the same way.
                return Lost();
            }
            try
            {
                return await attempt.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await CancelAsync(attemptId, attempt).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _attempts.TryRemove(attemptId, out _);
        }
    }

    /// <summary>Closes the connection, which the worker takes as the order to stop (and is killed if it does not).</summary>
    public Task StopAsync()
    {
        _channel.Dispose();
        return Ended;
    }

    public Task KillAsync() => _process.KillAsync();

    private async Task CancelAsync(string attemptId, Attempt attempt)
    {
        try
        {
            await _channel.SendAsync(new WorkerMessage(WorkerMessage.Cancel) { Id = attemptId }, CancellationToken.None).ConfigureAwait(false);
            await attempt.Result.WaitAsync(CancelGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            attempt.Log($"devbox: the task did not stop within {CancelGrace.TotalSeconds} s of its cancellation; killing {this}");
            await _process.KillAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The worker is gone already, and the attempt with it.
        }
    }

    private LaunchResult Lost() => new(-1, LostWorker: $"{this} ended while it ran the attempt; see its log {_logPath}");

    /// <summary>Reads the worker's messages until its connection ends, then ends the attempts it was still running.</summary>
    private async Task ReadAsync()
    {
        try
        {
            while (await _channel.ReceiveAsync(CancellationToken.None).ConfigureAwait(false) is { } message)
            {
                if (message.Id is null || !_attempts.TryGetValue(message.Id, out var attempt))
                {
                    continue;
                }
                if (message.Type == WorkerMessage.Log)
                {
                    attempt.Log(message.Line ?? "");
                }
                else if (message.Type == WorkerMessage.Done)
                {
                    attempt.End(new LaunchResult(message.Exit ?? -1));
                }
            }
        }
        catch (Exception e) when (e is IOException or FormatException or ObjectDisposedException)
        {
            // A broken or closed connection ends the worker as its end does.
        }
        Volatile.Write(ref _isLost, 1);
        try
        {
            _lost(this);
            // A worker whose connection ended is of no use, whatever it is doing: it must not outlive its attempts. One
            // the devbox stopped exits by itself at once.
            try
            {
                await _process.Exited.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await _process.KillAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // Whatever happened above, no attempt waits for ever.
            foreach (var attempt in _attempts.Values)
            {
                attempt.End(Lost());
            }
        }
    }

    /// <summary>An attempt in flight: its log file, and its result once the worker says it is done.</summary>
    private sealed class Attempt(string logPath) : IAsyncDisposable
    {
        private readonly StreamWriter _log = new(logPath, append: true) { AutoFlush = true };
        private readonly TaskCompletionSource<LaunchResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _closed;

        public Task<LaunchResult> Result => _result.Task;

        /// <summary>Appends a line; one that arrives after the attempt has ended is dropped.</summary>
        public void Log(string line)
        {
            lock (_log)
            {
                if (!_closed)
                {
                    _log.WriteLine(line);
                }
            }
        }

        public void End(LaunchResult result) => _result.TrySetResult(result);

        public ValueTask DisposeAsync()
        {
            lock (_log)
            {
                _closed = true;
                _log.Dispose();
            }
            return ValueTask.CompletedTask;
        }
    }
}
