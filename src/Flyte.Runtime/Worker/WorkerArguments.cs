using System.Globalization;
using System.Net;

namespace Flyte.Runtime.Worker;

/// <summary>
/// <c>a0 worker --connect &lt;address:port&gt; --id &lt;worker id&gt;</c>: where the devbox waits for the worker, and the
/// name it gave it. The token the worker proves itself with comes in <see cref="TokenVariable"/>, out of sight of
/// <c>ps</c>.
/// </summary>
internal sealed record WorkerArguments(IPEndPoint Devbox, string WorkerId, string Token)
{
    public const string Verb = "worker";
    public const string TokenVariable = "FLYTE_WORKER_TOKEN";

    /// <summary>Parses the arguments after <see cref="Verb"/>; null with <paramref name="error"/> when they cannot be used.</summary>
    public static WorkerArguments? Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable, out string error)
    {
        string? connect = null;
        string? id = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (i + 1 >= args.Count || (args[i] != "--connect" && args[i] != "--id"))
            {
                error = $"unexpected argument '{EchoedValue.Of(args[i])}': use a0 worker --connect <address:port> --id <worker id>";
                return null;
            }
            if (args[i] == "--connect")
            {
                connect = args[++i];
            }
            else
            {
                id = args[++i];
            }
        }
        if (connect is null || !IPEndPoint.TryParse(connect, out var endpoint) || endpoint.Port == 0)
        {
            error = "missing or unusable --connect: pass the devbox's address and port, e.g. --connect 127.0.0.1:41234";
            return null;
        }
        if (string.IsNullOrEmpty(id))
        {
            error = "missing --id: pass the name the devbox gave this worker";
            return null;
        }
        if (getEnvironmentVariable(TokenVariable) is not { Length: > 0 } token)
        {
            error = $"{TokenVariable} is not set: the devbox gives every worker the token it must present";
            return null;
        }
        error = "";
        return new WorkerArguments(endpoint, id, token);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"worker {WorkerId} for {Devbox}");
}
