using System.Net;
using System.Text;
using k8s;
using k8s.Models;

namespace Flyte.Images.Tests.Kubernetes;

/// <summary>
/// A stand-in for a Kubernetes API server on loopback, serving the four pod calls the builder makes (create, read, log,
/// delete) from a script: the states the pod goes through, its log, and an optional refusal of the create. It records
/// what it was sent. No cluster runs here; this is what the builder's conversation with one is tested against.
/// </summary>
internal sealed class FakeKubernetesApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Lock _lock = new();
    private int _reads;

    public FakeKubernetesApi()
    {
        int port = LoopbackPorts.Free();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>The states the pod is read in, one per read; the last one repeats.</summary>
    public List<V1PodStatus> States { get; init; } = [];

    /// <summary>What the pod's log holds.</summary>
    public string Log { get; init; } = "";

    /// <summary>When set, creating a pod fails with this status code and message, as the API server says it.</summary>
    public (HttpStatusCode Code, string Message)? RefuseCreate { get; init; }

    /// <summary>Called with the pod as sent, before the create is answered (the build context still exists then).</summary>
    public Func<V1Pod, Task>? OnCreate { get; init; }

    public V1Pod? Created { get; private set; }

    public List<string> Requests { get; } = [];

    public KubernetesClientConfiguration Configuration => new() { Host = Url };

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await AnswerAsync(context);
            }
            catch (Exception e)
            {
                // Answered, so that the builder fails with the fake's own error rather than waiting for its HTTP timeout.
                await WriteAsync(context.Response, HttpStatusCode.InternalServerError, Status(500, "fake API: " + e));
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string path = request.Url!.AbsolutePath;
        lock (_lock)
        {
            Requests.Add($"{request.HttpMethod} {path}{request.Url.Query}");
        }
        string[] parts = path.Trim('/').Split('/');
        // api/v1/namespaces/{ns}/pods[/{name}[/log]]
        if (parts is not ["api", "v1", "namespaces", _, "pods", ..])
        {
            await WriteAsync(context.Response, HttpStatusCode.NotFound, Status(404, $"the fake serves pods only, not {path}"));
            return;
        }
        switch (request.HttpMethod, parts.Length)
        {
            case ("POST", 5):
                using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
                {
                    var pod = KubernetesJson.Deserialize<V1Pod>(await reader.ReadToEndAsync());
                    pod.Metadata.Name = pod.Metadata.GenerateName + "x7k2p";
                    Created = pod;
                }
                if (OnCreate is not null)
                {
                    await OnCreate(Created);
                }
                if (RefuseCreate is { } refusal)
                {
                    await WriteAsync(context.Response, refusal.Code, Status((int)refusal.Code, refusal.Message));
                    return;
                }
                await WriteAsync(context.Response, HttpStatusCode.Created, KubernetesJson.Serialize(Created));
                return;
            case ("GET", 6) when parts[5] == Created?.Metadata.Name:
                int read = Interlocked.Increment(ref _reads) - 1;
                Created.Status = States[Math.Min(read, States.Count - 1)];
                await WriteAsync(context.Response, HttpStatusCode.OK, KubernetesJson.Serialize(Created));
                return;
            case ("GET", 7) when parts[5] == Created?.Metadata.Name && parts[6] == "log":
                context.Response.ContentType = "text/plain";
                await WriteAsync(context.Response, HttpStatusCode.OK, Log);
                return;
            case ("DELETE", 6) when parts[5] == Created?.Metadata.Name:
                await WriteAsync(context.Response, HttpStatusCode.OK, KubernetesJson.Serialize(Created));
                return;
            default:
                await WriteAsync(context.Response, HttpStatusCode.NotFound, Status(404, $"pods \"{(parts.Length > 5 ? parts[5] : "")}\" not found"));
                return;
        }
    }

    // Written by hand: the client's V1Status converter only reads.
    private static string Status(int code, string message) =>
        System.Text.Json.JsonSerializer.Serialize(new { kind = "Status", apiVersion = "v1", status = "Failure", code, message });

    private static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode code, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = (int)code;
        response.ContentType ??= "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>A pod state with the Kaniko container waiting, running or terminated.</summary>
    public static V1PodStatus Phase(string phase, V1ContainerState? kaniko = null) => new()
    {
        Phase = phase,
        ContainerStatuses = kaniko is null ? null : [new V1ContainerStatus { Name = "kaniko", State = kaniko, Image = "kaniko", ImageID = "", Ready = false, RestartCount = 0 }],
    };
}
