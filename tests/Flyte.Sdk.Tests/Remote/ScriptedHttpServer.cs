using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace Flyte.Sdk.Tests.Remote;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) that answers each request with the next scripted status (the last one
/// repeats) and records what every request carried.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly (int Status, string? RetryAfter)[] script;
    private readonly Task loop;
    private int served;

    public ScriptedHttpServer(params (int Status, string? RetryAfter)[] script)
    {
        this.script = script;
        Port = LoopbackPorts.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string Method, string Path, Dictionary<string, string> Headers, byte[] BodyMd5, long BodyLength, DateTime At);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var headers = context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, MD5.HashData(body.ToArray()), body.Length, DateTime.UtcNow));

            var (status, retryAfter) = script[Math.Min(served++, script.Length - 1)];
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }
            var text = status < 300 ? ""u8.ToArray() : System.Text.Encoding.UTF8.GetBytes($"<Error>status {status}</Error>");
            await context.Response.OutputStream.WriteAsync(text);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
