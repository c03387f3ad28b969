using System.Net;
using System.Text.Json;
using Flyte.Storage;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;

namespace Flyte.Images;

/// <summary>
/// Builds an image in a Kubernetes cluster, for machines without a Docker engine: uploads the build context as a .tar.gz
/// to object storage, starts a Kaniko pod (<see cref="KanikoPod"/>) that builds and pushes it, streams its log, and
/// deletes the pod and the uploaded context when it ends. A failed build fails with the pod's termination message.
/// </summary>
public sealed class KubernetesImageBuilder : IImageBuilder
{
    // Container states the kubelet keeps retrying but that a build will not get out of by waiting.
    private static readonly HashSet<string> StuckReasons = ["ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError"];

    private readonly KubernetesImageBuilderOptions _options;
    private readonly KubernetesClientConfiguration? _configuration;

    /// <param name="configuration">How to reach the cluster; null for the options' kubeconfig (or the pod's service account).</param>
    public KubernetesImageBuilder(KubernetesImageBuilderOptions options, KubernetesClientConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _configuration = configuration;
    }

    public string Name => "kubernetes";

    public async Task<string> BuildAndPushAsync(ImageBuildRequest request, IProgress<string> log, CancellationToken cancellationToken)
    {
        var options = WithEnvironmentDefaults(_options, Environment.GetEnvironmentVariable);
        string tag = ImageReference.Split(request.Reference).Tag;
        string contextUri = ContextUri(options.ContextPrefix, tag);
        using var kubernetes = new Kubernetes(Configuration());
        var pod = KanikoPod.Create(options, request.Reference, contextUri);

        using var store = ObjectStores.For(contextUri, options.Storage);
        await UploadContextAsync(store, request, contextUri, log, cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await CallAsync(() => kubernetes.CoreV1.CreateNamespacedPodAsync(pod, options.Namespace, cancellationToken: cancellationToken),
                $"create the build pod for {request.Reference} in the namespace {options.Namespace}").ConfigureAwait(false);
            string name = created.Metadata.Name;
            log.Report($"building {request.Reference} in the pod {options.Namespace}/{name} ({options.KanikoImage})");
            try
            {
                await WaitAsync(kubernetes, name, request.Reference, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await DeletePodAsync(kubernetes, name, log).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await store.DeleteAsync(contextUri, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.Report($"could not delete the build context {contextUri}: {e.Message}");
            }
        }
        return request.Reference;
    }

    /// <summary><c>&lt;prefix&gt;/&lt;tag&gt;-&lt;id&gt;.tar.gz</c>: one object per build, so that builds of the same tag never read each other's.</summary>
    internal static string ContextUri(string prefix, string tag)
    {
        string trimmed = prefix.TrimEnd('/');
        if (!(trimmed.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("gs://", StringComparison.OrdinalIgnoreCase)) || trimmed.Length <= "s3://".Length)
        {
            throw new ImageBuildException($"the build context prefix must be s3://bucket[/path] or gs://bucket[/path] (Kaniko reads from there), not '{prefix}'");
        }
        return $"{trimmed}/{tag}-{Guid.NewGuid().ToString("N")[..12]}.tar.gz";
    }

    /// <summary>The S3 region and endpoint Kaniko gets when the options name none: those this machine uploads with, from the AWS environment variables.</summary>
    internal static KubernetesImageBuilderOptions WithEnvironmentDefaults(KubernetesImageBuilderOptions options, Func<string, string?> environment)
    {
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;
        return options with
        {
            S3Region = options.S3Region ?? options.Storage?.Region ?? Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION"),
            S3Endpoint = options.S3Endpoint ?? options.Storage?.Endpoint ?? Variable("AWS_ENDPOINT_URL_S3") ?? Variable("AWS_ENDPOINT_URL"),
        };
    }

    private KubernetesClientConfiguration Configuration()
    {
        if (_configuration is not null)
        {
            return _configuration;
        }
        try
        {
            return _options.KubeconfigPath is null && _options.KubeContext is null
                ? KubernetesClientConfiguration.BuildDefaultConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(_options.KubeconfigPath, _options.KubeContext);
        }
        catch (KubeConfigException e)
        {
            throw new ImageBuildException($"no Kubernetes cluster to build in: {e.Message} (set KUBECONFIG or the builder's kubeconfig)", e);
        }
    }

    private static async Task UploadContextAsync(IObjectStore store, ImageBuildRequest request, string contextUri, IProgress<string> log, CancellationToken cancellationToken)
    {
        string archivePath = Path.Combine(Path.GetTempPath(), $"flyte-image-context-{Guid.NewGuid():N}.tar.gz");
        try
        {
            using (var context = ImageBuildContext.Create(request.Image, request.AppDirectory, request.ProjectDirectory))
            await using (var archive = File.Create(archivePath))
            {
                await BuildContextArchive.WriteTarGzAsync(context.Directory, archive, cancellationToken).ConfigureAwait(false);
            }
            await using var upload = File.OpenRead(archivePath);
            log.Report($"uploading the build context ({upload.Length} bytes) to {contextUri}");
            try
            {
                await store.WriteAsync(contextUri, upload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
            {
                throw new ImageBuildException($"could not upload the build context of {request.Reference} to {contextUri}: {e.Message}", e);
            }
        }
        finally
        {
            File.Delete(archivePath);
        }
    }

    private async Task WaitAsync(IKubernetes kubernetes, string name, string reference, IProgress<string> log, CancellationToken cancellationToken)
    {
        string ns = _options.Namespace;
        var deadline = DateTime.UtcNow + _options.Timeout;
        using var stopLogs = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? logs = null;
        string? lastState = null;
        V1Pod pod;
        try
        {
            while (true)
            {
                pod = await CallAsync(() => kubernetes.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: cancellationToken), $"read the build pod {ns}/{name}")
                    .ConfigureAwait(false);
                string phase = pod.Status?.Phase ?? "Pending";
                var waiting = KanikoStatus(pod)?.State?.Waiting;
                string state = waiting?.Reason is { Length: > 0 } reason ? $"{phase} ({reason})" : phase;
                if (state != lastState)
                {
                    log.Report($"pod {ns}/{name}: {state}");
                    lastState = state;
                }
                if (logs is null && phase is "Running" or "Succeeded" or "Failed")
                {
                    logs = FollowLogsAsync(kubernetes, name, log, stopLogs.Token);
                }
                if (phase is "Succeeded" or "Failed")
                {
                    break;
                }
                if (waiting?.Reason is { } stuck && StuckReasons.Contains(stuck))
                {
                    throw new ImageBuildException($"the build pod {ns}/{name} for {reference} cannot start Kaniko: {stuck}: {waiting.Message}");
                }
                if (DateTime.UtcNow >= deadline)
                {
                    string why = pod.Status?.Conditions?.FirstOrDefault(c => c.Status == "False" && !string.IsNullOrEmpty(c.Message))?.Message is { } message ? $" ({message})" : "";
                    throw new ImageBuildException($"the build pod {ns}/{name} for {reference} did not finish in {_options.Timeout}: still {state}{why}");
                }
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            if (logs is not null)
            {
                // The log stream ends with the container; a stream that hangs on must not hold up the result.
                await Task.WhenAny(logs, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            await stopLogs.CancelAsync().ConfigureAwait(false);
            if (logs is not null)
            {
                await logs.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        var terminated = KanikoStatus(pod)?.State?.Terminated;
        string terminationMessage = terminated?.Message?.Trim() ?? "";
        if (pod.Status?.Phase == "Failed")
        {
            string code = terminated is null ? "" : $" (exit code {terminated.ExitCode})";
            string reason = terminationMessage.Length > 0 ? terminationMessage
                : pod.Status.Message is { Length: > 0 } podMessage ? podMessage
                : terminated?.Reason ?? pod.Status.Reason ?? "no reason given";
            throw new ImageBuildException($"the build pod {ns}/{name} for {reference} failed{code}: {reason}");
        }
        log.Report(terminationMessage.StartsWith("sha256:", StringComparison.Ordinal) ? $"pushed {reference} ({terminationMessage})" : $"pushed {reference}");
    }

    private async Task FollowLogsAsync(IKubernetes kubernetes, string name, IProgress<string> log, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await kubernetes.CoreV1.ReadNamespacedPodLogAsync(name, _options.Namespace, container: KanikoPod.ContainerName, follow: true, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                log.Report(line);
            }
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
        {
            log.Report($"could not read the log of the build pod {_options.Namespace}/{name}: {e.Message}");
        }
    }

    private async Task DeletePodAsync(IKubernetes kubernetes, string name, IProgress<string> log)
    {
        try
        {
            await kubernetes.CoreV1.DeleteNamespacedPodAsync(name, _options.Namespace, gracePeriodSeconds: 0).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            log.Report($"could not delete the build pod {_options.Namespace}/{name}: {e.Message}");
        }
    }

    private static V1ContainerStatus? KanikoStatus(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(status => status.Name == KanikoPod.ContainerName);

    /// <summary>Runs a call to the API server; a refusal becomes one message with what was tried and the server's reason.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw new ImageBuildException($"could not {what}: {(int?)e.Response?.StatusCode} {ServerMessage(e.Response?.Content) ?? e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ImageBuildException($"could not {what}: the API server does not answer ({e.Message})", e);
        }
    }

    /// <summary>The <c>message</c> of the API server's Status object, when it sent one.</summary>
    private static string? ServerMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() : content.Trim();
        }
        catch (JsonException)
        {
            return content.Trim();
        }
    }
}
