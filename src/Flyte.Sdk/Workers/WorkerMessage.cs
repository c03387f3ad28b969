using System.Buffers;
using System.Text.Json;

namespace Flyte.Workers;

/// <summary>
/// One message between the devbox and an <c>a0 worker</c>: a JSON object on one line, told apart by its <c>type</c>
/// (docs/workers.md, The worker protocol). Unset fields are left out.
/// </summary>
internal sealed record WorkerMessage(string Type)
{
    /// <summary>Worker → devbox, first: who it is (<see cref="Worker"/>, <see cref="Pid"/>) and the token it was given.</summary>
    public const string Hello = "hello";

    /// <summary>Devbox → worker: run an attempt (<see cref="Id"/>) with a0's <see cref="Args"/> and <see cref="Env"/>.</summary>
    public const string Run = "run";

    /// <summary>Devbox → worker: cancel the attempt <see cref="Id"/> (abort or timeout).</summary>
    public const string Cancel = "cancel";

    /// <summary>Worker → devbox: a <see cref="Line"/> of the attempt <see cref="Id"/>'s log.</summary>
    public const string Log = "log";

    /// <summary>Worker → devbox: the attempt <see cref="Id"/> has ended, with a0's <see cref="Exit"/> code; its outputs.pb or error.pb is written.</summary>
    public const string Done = "done";

    public string? Id { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public IReadOnlyDictionary<string, string>? Env { get; init; }
    public string? Line { get; init; }
    public int? Exit { get; init; }
    public string? Worker { get; init; }
    public int? Pid { get; init; }
    public string? Token { get; init; }

    /// <summary>The message as UTF-8 JSON, ending with a newline.</summary>
    public byte[] ToJsonLine()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", Type);
            WriteIfSet(json, "id", Id);
            if (Args is not null)
            {
                json.WriteStartArray("args");
                foreach (string arg in Args)
                {
                    json.WriteStringValue(arg);
                }
                json.WriteEndArray();
            }
            if (Env is not null)
            {
                json.WriteStartObject("env");
                foreach (var (name, value) in Env)
                {
                    json.WriteString(name, value);
                }
                json.WriteEndObject();
            }
            WriteIfSet(json, "line", Line);
            if (Exit is { } exit)
            {
                json.WriteNumber("exit", exit);
            }
            WriteIfSet(json, "worker", Worker);
            if (Pid is { } pid)
            {
                json.WriteNumber("pid", pid);
            }
            WriteIfSet(json, "token", Token);
            json.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one line; a line that is not a message throws <see cref="FormatException"/>.</summary>
    public static WorkerMessage Parse(string line)
    {
        try
        {
            return ParseJson(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"not a worker message: {e.Message}", e);
        }
    }

    private static WorkerMessage ParseJson(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("a worker message is a JSON object with a string \"type\"");
        }
        return new WorkerMessage(type.GetString()!)
        {
            Id = String(root, "id"),
            Args = root.TryGetProperty("args", out var args) ? args.EnumerateArray().Select(arg => arg.GetString() ?? "").ToList() : null,
            Env = root.TryGetProperty("env", out var env)
                ? env.EnumerateObject().ToDictionary(variable => variable.Name, variable => variable.Value.GetString() ?? "", StringComparer.Ordinal)
                : null,
            Line = String(root, "line"),
            Exit = root.TryGetProperty("exit", out var exit) ? exit.GetInt32() : null,
            Worker = String(root, "worker"),
            Pid = root.TryGetProperty("pid", out var pid) ? pid.GetInt32() : null,
            Token = String(root, "token"),
        };
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? String(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
}
