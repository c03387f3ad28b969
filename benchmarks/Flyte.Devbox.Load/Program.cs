using Flyte.Generation;
using System.Diagnostics;
using System.Globalization;
using Flyte.Devbox;
using Flyte.Devbox.Execution;
using Flyte.Loading;
using Flyte.Local;
using Flyte.Remote;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Google.Protobuf;

// The devbox's cost per run, against the bare cost of the work it orchestrates (starting a0 for the task), both
// measured here, now: a trivial task (quickstart.Square) started N times by hand, then run N times one after another
// through the devbox, then `runs` runs submitted at once. Then the same task made reusable: an attempt on a warm worker
// against the same work in-process (WarmWorker.cs), and one run at a time through the devbox on a warm worker.
// With `--docker <image> [samples]`: the Docker launcher's latency for one trivial run against `docker run --rm <image> true`,
// and an attempt on a warm worker container against the same work in-process.
bool docker = args is ["--docker", _, ..];
string? image = docker ? args[1] : null;
args = docker ? args[2..] : args;
int runs = args.Length > 0 && !docker ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
int samples = docker ? (args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15)
    : args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;

string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
string root = FindRepositoryRoot();
string a0 = Path.Combine(root, "src", "Flyte.Runtime", "bin", configuration, "net10.0", "a0.dll");
string quickstart = Path.Combine(root, "samples", "Quickstart", "bin", configuration, "net10.0");
string work = Directory.CreateTempSubdirectory("devbox-load-").FullName;
try
{
    var square = LoadSquare(quickstart);

    double bare = docker
        ? Median(Enumerable.Range(0, samples).Select(_ => TimeCommand("docker", ["run", "--rm", "--network", "host", image!, "true"])).ToList())
        : Median(Enumerable.Range(0, samples).Select(i => TimeBareA0(a0, quickstart, work, i)).ToList());
    Console.WriteLine(docker
        ? $"docker run --rm {image} true: median {bare:F0} ms over {samples} runs"
        : $"bare a0 (Square from local files): median {bare:F0} ms over {samples} runs");

    string data = Path.Combine(work, "devbox");
    IActionLauncher? launcher = docker ? new DockerLauncher(new DockerLauncherOptions { DefaultImage = image!, SharedDirectories = [work] }) : null;
    await using var devbox = await DevboxServer.StartAsync(new DevboxOptions { DataDirectory = data, Port = 0, A0Command = ["dotnet", a0], Launcher = launcher });
    // With Docker the tasks run in the image given, as a deploy that resolved their image to it would have them: the
    // SDK's default image would be pulled from its registry, and nothing here leaves loopback.
    using var remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = devbox.Endpoint, DefaultImage = image });
    await remote.DeployAsync(quickstart, [square]);

    var latencies = new List<double>();
    List<double> toStart = [], attempt = [], toOutputs = [];
    for (int i = 0; i < samples; i++)
    {
        var submitted = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var run = await remote.RunAsync(square, Inputs(1_000_000 + i), Decode);
        await run.GetOutputAsync();
        latencies.Add(clock.Elapsed.TotalMilliseconds);
        // Where the time went, by the devbox's own clock (the same machine's): submit → the attempt started (stored,
        // queued, taken), the attempt (launch, a0, its outputs read), its end → the outputs in the client's hands.
        var status = (await run.GetDetailsAsync()).Action.Status;
        var (started, ended) = (status.StartTime.ToDateTimeOffset(), status.EndTime.ToDateTimeOffset());
        toStart.Add((started - submitted).TotalMilliseconds);
        attempt.Add((ended - started).TotalMilliseconds);
        toOutputs.Add((submitted + clock.Elapsed - ended).TotalMilliseconds);
    }
    double endToEnd = Median(latencies);
    Console.WriteLine($"one run through the devbox (submit → SUCCEEDED → outputs): median {endToEnd:F0} ms over {samples} runs; " +
        $"medians of its parts: submit → attempt started {Median(toStart):F0} ms, the attempt {Median(attempt):F0} ms, attempt ended → outputs read {Median(toOutputs):F0} ms");
    if (docker)
    {
        Console.WriteLine($"Docker launcher: one run median {endToEnd:F0} ms, {endToEnd - bare:F0} ms more than an empty container; ratio {endToEnd / bare:F2}");
        var (dockerFloor, dockerWarm) = await WarmWorker.MeasureAsync(launcher!, square, quickstart, image!, work, samples);
        PrintWarm("Docker launcher", dockerFloor, dockerWarm, samples, targetMilliseconds: 20);
        return 0;
    }
    Console.WriteLine($"devbox overhead per run: median {endToEnd - bare:F0} ms (target: at most 100 ms, {(endToEnd - bare <= 100 ? "met" : "MISSED")}); ratio to bare a0: {endToEnd / bare:F2}");

    var (floor, warm) = await WarmWorker.MeasureAsync(new ProcessLauncher(["dotnet", a0]), square, quickstart, Flyte.Images.TaskImages.SdkDefault, work, samples);
    PrintWarm("process launcher", floor, warm, samples, targetMilliseconds: 5);
    double warmEndToEnd = await WarmRunsAsync(remote, square, quickstart, work, samples);
    Console.WriteLine($"one run through the devbox on a warm worker (submit → SUCCEEDED → outputs): median {warmEndToEnd:F0} ms over {samples} runs, " +
        $"against {endToEnd:F0} ms with a0 started per run: {endToEnd - warmEndToEnd:F0} ms less");

    // Every run is timed from its own submit to its outputs; all are submitted at once, then each is checked: its output
    // right, its name its own, and its root action run exactly once (one attempt), so nothing was lost or run twice.
    var load = Stopwatch.StartNew();
    var timed = await Task.WhenAll(Enumerable.Range(0, runs).Select(async i =>
    {
        var clock = Stopwatch.StartNew();
        var run = await remote.RunAsync(square, Inputs(i), Decode);
        long value = await run.GetOutputAsync();
        return (Run: run, Value: value, Milliseconds: clock.Elapsed.TotalMilliseconds);
    }));
    load.Stop();
    int wrong = timed.Where((result, i) => result.Value != (long)i * i).Count();
    int distinct = timed.Select(result => result.Run.Name).Distinct().Count();
    var attempts = await Task.WhenAll(timed.Select(async result => (await result.Run.GetDetailsAsync()).Action.Status.Attempts));
    int notOnce = attempts.Count(count => count != 1);
    var latency = timed.Select(result => result.Milliseconds).Order().ToList();
    Console.WriteLine($"{runs} runs submitted at once: all done in {load.Elapsed.TotalSeconds:F1} s, {runs / load.Elapsed.TotalSeconds:F1} runs/s; " +
        $"{distinct} distinct runs, {wrong} wrong outputs, {notOnce} not run exactly once; max {Environment.ProcessorCount} cores, Square asks for 1 CPU");
    Console.WriteLine($"  latency from submit to outputs: min {latency[0]:F0} ms, p50 {Percentile(latency, 50):F0} ms, p90 {Percentile(latency, 90):F0} ms, " +
        $"p99 {Percentile(latency, 99):F0} ms, max {latency[^1]:F0} ms");
    return wrong == 0 && distinct == runs && notOnce == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void PrintWarm(string launcher, double floor, double warm, int samples, double targetMilliseconds) =>
    Console.WriteLine($"warm worker, {launcher}: a trivial action median {warm:F2} ms against {floor:F2} ms in-process over {samples} actions: " +
        $"overhead {warm - floor:F2} ms (target: at most {targetMilliseconds:F0} ms, {(warm - floor <= targetMilliseconds ? "met" : "MISSED")}); ratio {warm / floor:F1}");

// Square made reusable, deployed beside the plain one at a version of its own, and run one run at a time once its worker is warm.
static async Task<double> WarmRunsAsync(FlyteRemote remote, TaskDefinition square, string code, string work, int samples)
{
    var bundle = await Flyte.Bundles.CodeBundle.CreateFileAsync(code, Path.Combine(work, "warm-runs"));
    var spec = WarmWorker.ReusableSpec(square, bundle, new Uri(bundle.Path).AbsoluteUri, Flyte.Images.TaskImages.SdkDefault, remote.Options.Project, remote.Options.Domain);
    string version = bundle.Md5Hex + "-warm";
    spec.TaskTemplate.Id.Version = version;
    var id = new Flyteidl2.Task.TaskIdentifier { Org = remote.Options.Org, Project = remote.Options.Project, Domain = remote.Options.Domain, Name = square.Name, Version = version };
    await remote.Tasks.DeployTaskAsync(new Flyteidl2.Task.DeployTaskRequest { TaskId = id, Spec = spec });
    var latencies = new List<double>();
    for (int i = -3; i < samples; i++)
    {
        var clock = Stopwatch.StartNew();
        var run = await remote.RunAtVersionAsync(square, version, Inputs(2_000_000 + i));
        var details = await run.WaitAsync();
        if (details.Action.Status.Phase != Flyteidl2.Common.ActionPhase.Succeeded)
        {
            throw new InvalidOperationException($"the reusable Square's run {run.Name} ended {details.Action.Status.Phase}");
        }
        if (i >= 0)
        {
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
    }
    return Median(latencies);
}

static long Decode(LiteralMap outputs) => outputs.Literals["o0"].Scalar.Primitive.Integer;

static LiteralMap Inputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

static double TimeBareA0(string a0, string code, string work, int i)
{
    string folder = Path.Combine(work, "bare", i.ToString(CultureInfo.InvariantCulture));
    Directory.CreateDirectory(folder);
    string inputs = Path.Combine(folder, "inputs.pb");
    File.WriteAllBytes(inputs, RunLayout.ToInputs(Inputs(1_000 + i)).ToByteArray());
    double elapsed = TimeCommand("dotnet", [a0, "--inputs", inputs, "--outputs-path", folder, "--dest", code, "--resolver", "flyte-dotnet", "assembly", "Quickstart", "task", "quickstart.Square"]);
    if (!File.Exists(Path.Combine(folder, "outputs.pb")))
    {
        throw new InvalidOperationException("bare a0 wrote no outputs.pb");
    }
    return elapsed;
}

static double TimeCommand(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? clock.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
}

// The nearest-rank percentile of sorted values.
static double Percentile(List<double> sorted, int percent) =>
    sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
}

static TaskDefinition LoadSquare(string folder)
{
    string path = Path.Combine(folder, "Quickstart.dll");
    var assembly = new TaskLoadContext(path, []).LoadFromAssemblyPath(path);
    return TaskRegistry.Initialize(assembly)!.Tasks.Single(t => t.Name == "quickstart.Square");
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Flyte.sln")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException("run this from inside the repository");
}
