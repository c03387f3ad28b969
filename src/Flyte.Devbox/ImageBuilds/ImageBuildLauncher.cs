using Flyte.Devbox.Execution;
using Flyte.Devbox.Storage;
using Flyte.Images;
using Flyte.Storage;
using Flyteidl2.Core;
using Flyteidl2.Imagebuilder;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.ImageBuilds;

/// <summary>
/// Runs the attempts of <see cref="BuildImageTask"/> inside the devbox and hands every other attempt to the launcher it
/// wraps. An attempt reads its inputs, the uploaded spec and context, builds and pushes the image on the Docker engine
/// (<see cref="ImageSpecBuilder"/>), logs the build to the attempt's log (what TailLogs streams), and ends as a0 would:
/// outputs.pb with <c>o0</c> the image, or error.pb with the build's one-line failure (non-recoverable: the same spec
/// fails the same way again).
/// </summary>
public sealed class ImageBuildLauncher(IActionLauncher inner, DevboxStorage storage, ImageSpecBuilder builder) : IActionLauncher
{
    /// <summary>The launcher every other attempt goes to.</summary>
    public IActionLauncher Inner => inner;

    public Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Args.Count > 0 && request.Args[0] == BuildImageTask.Command
            ? BuildAsync(request, cancellationToken)
            : inner.RunAsync(request, cancellationToken);
    }

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => inner.StopOrphansAsync(workRoot, cancellationToken);

    private async Task<LaunchResult> BuildAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        string inputsUri = Argument(request.Args, "--inputs");
        string outputPrefix = Argument(request.Args, "--outputs-path");
        Directory.CreateDirectory(Path.GetDirectoryName(request.LogPath)!);
        var log = new StreamWriter(new FileStream(request.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        await using (log.ConfigureAwait(false))
        {
            var lines = new LogLines(log);
            try
            {
                var inputs = await storage.ReadAsync(inputsUri, Inputs.Parser, cancellationToken).ConfigureAwait(false);
                string specUrl = Input(inputs, "spec");
                string contextUrl = Input(inputs, "context");
                string target = Input(inputs, "target_image");
                var spec = await storage.ReadAsync(specUrl, ImageSpec.Parser, cancellationToken).ConfigureAwait(false);
                lines.Report($"build-image: {target} from {spec.BaseImage} ({spec.Layers.Count} layers)");
                using var context = contextUrl.Length == 0 ? null : new MemoryStream(await storage.ReadBytesAsync(contextUrl, cancellationToken).ConfigureAwait(false));
                string image = await builder.BuildAsync(spec, context, target, lines, cancellationToken).ConfigureAwait(false);
                lines.Report($"build-image: pushed {image}");
                await storage.WriteAsync(ProtoObjects.Join(outputPrefix, "outputs.pb"), new Outputs
                {
                    Literals = { new NamedLiteral { Name = "o0", Value = new Literal { Scalar = new Scalar { Primitive = new Primitive { StringValue = image } } } } },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A build's own failure is one line already; anything else says where it came from.
                string message = e is ImageBuildException ? e.Message : $"the devbox's image builder failed ({e.GetType().Name}): {e.Message}";
                lines.Report("build-image: " + message);
                await storage.WriteAsync(ProtoObjects.Join(outputPrefix, "error.pb"), new ErrorDocument
                {
                    Error = new ContainerError
                    {
                        Code = "ImageBuildFailed",
                        Message = message,
                        Kind = ContainerError.Types.Kind.NonRecoverable,
                        Origin = ExecutionError.Types.ErrorKind.User,
                    },
                }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        return new LaunchResult(0);
    }

    private static string Argument(IReadOnlyList<string> args, string name)
    {
        for (int i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }
        throw new InvalidOperationException($"the build-image task's args have no {name}");
    }

    private static string Input(Inputs inputs, string name) =>
        inputs.Literals.FirstOrDefault(literal => literal.Name == name)?.Value?.Scalar?.Primitive?.StringValue
        ?? throw new ImageBuildException($"the build-image task needs the string input {name}");

    /// <summary>Writes each line to the attempt's log as it comes (the builders report synchronously, in order).</summary>
    private sealed class LogLines(StreamWriter log) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                log.WriteLine(value);
            }
        }
    }
}
