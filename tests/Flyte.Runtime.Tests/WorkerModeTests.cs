using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flyte.Generation;
using Flyte.Workers;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Runtime.Tests;

/// <summary>
/// <c>a0 worker</c>, driven over its protocol as the devbox drives it (docs/workers.md, The worker protocol): a real a0
/// process connects to a listener here, says hello, and runs the attempts it is sent, each with its own arguments,
/// variables and log, in one process, until the connection closes.
/// </summary>
public sealed class WorkerModeTests : IAsyncLifetime
{
    private const string TasksAssembly = "Flyte.Devbox.Tests.Tasks";
    private const string Token = "0123456789abcdef";

    private readonly string _work = Directory.CreateTempSubdirectory("a0-worker-tests-").FullName;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, List<string>> _logs = [];
    private readonly Dictionary<string, TaskCompletionSource<int>> _done = [];
    private Process _worker = null!;
    private WorkerChannel _channel = null!;
    private Task _reading = null!;
    private WorkerMessage _hello = null!;

    public async Task InitializeAsync()
    {
        _listener.Start();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[SampleOutputs.A0, "worker", "--connect", _listener.LocalEndpoint.ToString()!, "--id", "w1"])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["FLYTE_WORKER_TOKEN"] = Token;
        start.Environment.Remove("DB_PASSWORD");
        _worker = Process.Start(start)!;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var client = await _listener.AcceptTcpClientAsync(patience.Token);
        client.NoDelay = true;
        _channel = new WorkerChannel(client.GetStream());
        _hello = (await _channel.ReceiveAsync(patience.Token))!;
        _reading = ReadAsync();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        if (!_worker.WaitForExit(30_000))
        {
            _worker.Kill(entireProcessTree: true);
        }
        await _reading;
        _worker.Dispose();
        _listener.Stop();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void The_worker_says_hello_with_its_id_process_and_token()
    {
        Assert.Equal(WorkerMessage.Hello, _hello.Type);
        Assert.Equal("w1", _hello.Worker);
        Assert.Equal(_worker.Id, _hello.Pid);
        Assert.Equal(Token, _hello.Token);
    }

    [Fact]
    public async Task Attempts_run_one_after_another_with_their_own_outputs_logs_and_shared_static_state()
    {
        for (int i = 1; i <= 3; i++)
        {
            string id = $"calls-{i}";
            int exit = await RunAsync(id, "warm.Calls", Inputs(("x", ScalarLiterals.FromInt64(i))), Outputs(id));

            Assert.Equal(0, exit);
            // The worker's static counter counts every attempt it ran.
            Assert.Equal(i, Output(id));
            Assert.Contains($"a0: warm.Calls succeeded; outputs in {Outputs(id)}", Log(id));
        }
    }

    [Fact]
    public async Task What_a_task_prints_goes_to_its_own_attempts_log_even_when_attempts_overlap()
    {
        var sleeping = RunAsync("sleep", "slow.Sleep", Inputs(("seconds", ScalarLiterals.FromInt64(600))), Outputs("sleep"));
        int exit = await RunAsync("print", "warm.ProcessId", Inputs(("x", ScalarLiterals.FromInt64(7))), Outputs("print"));

        Assert.Equal(0, exit);
        Assert.Equal(_worker.Id, Output("print"));
        Assert.Contains($"warm.ProcessId 7 in process {_worker.Id}", Log("print"));
        Assert.False(sleeping.IsCompleted);
        await _channel.SendAsync(new WorkerMessage(WorkerMessage.Cancel) { Id = "sleep" }, CancellationToken.None);
        Assert.Equal(0, await sleeping.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(Log("print"), line => line.Contains("slow.Sleep", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_attempt_ends_with_an_error_and_the_worker_runs_the_next()
    {
        var sleeping = RunAsync("sleep", "slow.Sleep", Inputs(("seconds", ScalarLiterals.FromInt64(600))), Outputs("sleep"));

        // The worker reads its messages in order: the attempt is there to be cancelled, started or not.
        await _channel.SendAsync(new WorkerMessage(WorkerMessage.Cancel) { Id = "sleep" }, CancellationToken.None);

        Assert.Equal(0, await sleeping.WaitAsync(TimeSpan.FromSeconds(60)));
        // Cancelled in the task (a TaskCanceledException of the user's code) or before it ran, as the timing falls.
        Assert.True(File.Exists(Path.Combine(Outputs("sleep"), "error.pb")), string.Join('\n', Log("sleep")));
        Assert.False(File.Exists(Path.Combine(Outputs("sleep"), "outputs.pb")));
        Assert.Equal(0, await RunAsync("after", "warm.Calls", Inputs(("x", ScalarLiterals.FromInt64(1))), Outputs("after")));
    }

    [Fact]
    public async Task Each_attempt_reads_the_secrets_it_was_sent_and_no_other_attempts()
    {
        int withSecret = await RunAsync("with", "secrets.PasswordLength", Inputs(), Outputs("with"), new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2" });
        int without = await RunAsync("without", "secrets.PasswordLength", Inputs(), Outputs("without"));

        Assert.Equal(0, withSecret);
        Assert.Equal(7, Output("with"));
        Assert.Equal(0, without);
        var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Outputs("without"), "error.pb"))).Error;
        Assert.Equal("SecretNotFound", error.Code);
    }

    [Fact]
    public async Task An_attempt_whose_arguments_a0_cannot_use_ends_with_the_usage_error_and_a_logged_reason()
    {
        var done = Expect("bad");
        await _channel.SendAsync(new WorkerMessage(WorkerMessage.Run) { Id = "bad", Args = ["--outputs-path", Outputs("bad")], Env = new Dictionary<string, string>() }, CancellationToken.None);

        Assert.Equal(2, await done.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(Log("bad"), line => line.StartsWith("a0: error: missing --inputs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Closing_the_connection_stops_the_worker()
    {
        _channel.Dispose();

        Assert.True(_worker.WaitForExit(30_000), "the worker still runs 30 s after its connection closed");
        Assert.Equal(0, _worker.ExitCode);
        await Task.CompletedTask;
    }

    private async Task<int> RunAsync(string id, string task, string inputs, string outputs, Dictionary<string, string>? environment = null)
    {
        var done = Expect(id);
        string[] args = ["--inputs", inputs, "--outputs-path", outputs, "--dest", SampleOutputs.DevboxTestTasks, "--resolver", "flyte-dotnet", "assembly", TasksAssembly, "task", task];
        await _channel.SendAsync(new WorkerMessage(WorkerMessage.Run) { Id = id, Args = args, Env = environment ?? new Dictionary<string, string>() }, CancellationToken.None);
        return await done.WaitAsync(TimeSpan.FromMinutes(10));
    }

    private Task<int> Expect(string id)
    {
        lock (_logs)
        {
            _logs[id] = [];
            _done[id] = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _done[id].Task;
        }
    }

    private List<string> Log(string id)
    {
        lock (_logs)
        {
            return [.. _logs[id]];
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _channel.ReceiveAsync(CancellationToken.None) is { } message)
            {
                lock (_logs)
                {
                    if (message.Type == WorkerMessage.Log)
                    {
                        _logs[message.Id!].Add(message.Line!);
                    }
                    else if (message.Type == WorkerMessage.Done)
                    {
                        _done[message.Id!].SetResult(message.Exit!.Value);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    private string Inputs(params (string Name, Literal Value)[] inputs)
    {
        var message = new Flyteidl2.Task.Inputs();
        foreach (var (name, value) in inputs)
        {
            message.Literals.Add(new Flyteidl2.Task.NamedLiteral { Name = name, Value = value });
        }
        string path = Path.Combine(_work, Guid.NewGuid().ToString("N") + ".pb");
        File.WriteAllBytes(path, message.ToByteArray());
        return path;
    }

    private string Outputs(string id) => Path.Combine(_work, id);

    private long Output(string id) =>
        Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Outputs(id), "outputs.pb"))).Literals.Single().Value.Scalar.Primitive.Integer;
}
