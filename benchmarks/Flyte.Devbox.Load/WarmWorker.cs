using System.Diagnostics;
using System.Globalization;
using Flyte.Bundles;
using Flyte.Devbox;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Execution.Workers;
using Flyte.Devbox.State;
using Flyte.Generation;
using Flyte.Local;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// A trivial action on a warm worker against the same work in-process (docs/workers.md, Measurements). The floor reads
/// inputs.pb, calls the task and writes outputs.pb here; the worker does the same in an <c>a0 worker</c> (a process, or
/// a container with the Docker launcher) fed through the devbox's own pool, which adds the message to the worker, its
/// thread, its log line and its answer. The worker is started and warmed first: only warm attempts are timed.
/// </summary>
internal static class WarmWorker
{
    /// <summary>The reusable form of the task: what [Reusable] on its class would write, one worker of one slot.</summary>
    public static TaskSpec ReusableSpec(TaskDefinition task, CodeBundleFile bundle, string bundleUri, string image, string project, string domain)
    {
        var spec = TaskTemplates.CreateSpec(task, new TaskTemplateSettings
        {
            Project = project,
            Domain = domain,
            Version = bundle.Md5Hex,
            CodeBundleUri = bundleUri,
            DefaultImage = image,
        });
        var policy = new ReusePolicy { MinReplicas = 1, MaxReplicas = 1, Concurrency = 1, IdleTtl = TimeSpan.FromMinutes(5), ScaledownTtl = TimeSpan.FromMinutes(5) };
        ActorTemplates.Apply(spec.TaskTemplate, task.Declaration.EnvironmentName, policy, bundle.Md5Hex);
        return spec;
    }

    /// <returns>The medians, in milliseconds, of the floor and of an attempt on the warm worker.</returns>
    public static async Task<(double Floor, double Warm)> MeasureAsync(IActionLauncher launcher, TaskDefinition task, string codeFolder, string image, string work, int samples)
    {
        string root = Path.Combine(work, "warm");
        var bundle = await CodeBundle.CreateFileAsync(codeFolder, Path.Combine(root, "bundles"));
        var spec = ReusableSpec(task, bundle, new Uri(bundle.Path).AbsoluteUri, image, "bench", "development");
        ActorSpec.TryRead(spec.TaskTemplate, out var actor, out _);
        var run = new RunKey("", "bench", "development", "warm");
        // Square calls no task: the control plane's address is never dialled.
        const string Endpoint = "http://127.0.0.1:9";

        await using var pools = new WorkerPools(launcher, new DevboxPaths(Path.Combine(root, "devbox")), NullLogger<WorkerPools>.Instance);
        if (!pools.TryReserve("bench", run, actor!))
        {
            throw new InvalidOperationException("the launcher cannot start workers");
        }
        var template = AttemptLaunch.WorkerTemplate(spec, Endpoint);

        async Task<double> AttemptAsync(int i)
        {
            string folder = Path.Combine(root, "runs", i.ToString(CultureInfo.InvariantCulture));
            string inputs = WriteInputs(folder, i);
            var action = new ActionIdentifier { Run = new RunIdentifier { Project = run.Project, Domain = run.Domain, Name = run.Name }, Name = $"a{i}" };
            string outputBase = new Uri(folder).AbsoluteUri;
            var request = AttemptLaunch.Create(spec, action, new Uri(inputs).AbsoluteUri, outputBase, 0, DateTimeOffset.UtcNow, Endpoint,
                Path.Combine(folder, "work"), Path.Combine(folder, "attempt.log"));
            var clock = Stopwatch.StartNew();
            var result = await pools.RunAsync("bench", template, request, CancellationToken.None);
            double elapsed = clock.Elapsed.TotalMilliseconds;
            string outputs = Path.Combine(folder, $"a{i}", "0", "outputs.pb");
            return result.ExitCode == 0 && File.Exists(outputs) ? elapsed
                : throw new InvalidOperationException($"the worker's attempt {i} left no outputs.pb (exit {result.ExitCode} {result.LostWorker}); see {request.LogPath}");
        }

        // The first starts the worker; the next few let the JIT compile the worker's and the task's path.
        for (int i = 0; i < 5; i++)
        {
            await AttemptAsync(-1 - i);
        }
        var warm = new List<double>();
        for (int i = 0; i < samples; i++)
        {
            warm.Add(await AttemptAsync(i));
        }

        var floor = new List<double>();
        for (int i = -5; i < samples; i++)
        {
            double elapsed = await InProcessAsync(task, Path.Combine(root, "floor", i.ToString(CultureInfo.InvariantCulture)), i);
            if (i >= 0)
            {
                floor.Add(elapsed);
            }
        }
        return (Median(floor), Median(warm));
    }

    /// <summary>What a0 does for the attempt, here: read inputs.pb, call the task, write outputs.pb.</summary>
    private static async Task<double> InProcessAsync(TaskDefinition task, string folder, int i)
    {
        string inputs = WriteInputs(folder, i);
        string outputs = Path.Combine(folder, "outputs.pb");
        var clock = Stopwatch.StartNew();
        var literals = RunLayout.ToLiteralMap(Flyteidl2.Task.Inputs.Parser.ParseFrom(File.ReadAllBytes(inputs)).Literals);
        var result = await task.InvokeAsync(literals, new TaskContext("warm", $"a{i}", 0, folder, folder), CancellationToken.None);
        File.WriteAllBytes(outputs, RunLayout.ToOutputs(result).ToByteArray());
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string WriteInputs(string folder, int i)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "inputs.pb");
        // Distinct inputs, as a cache would otherwise answer a repeated one.
        File.WriteAllBytes(path, RunLayout.ToInputs(new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(10_000 + i) } }).ToByteArray());
        return path;
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
