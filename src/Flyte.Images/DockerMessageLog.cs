using System.Text;
using Docker.DotNet.Models;

namespace Flyte.Images;

/// <summary>
/// Turns the JSON messages a Docker engine streams while it builds or pushes into log lines, and keeps the error it
/// reports, with the build step that was running. Reported to synchronously, in the engine's order.
/// </summary>
internal sealed partial class DockerMessageLog(IProgress<string> log) : IProgress<JSONMessage>
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscape();

    private readonly StringBuilder _partialLine = new();

    /// <summary>The first error the engine reported, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The last build step the engine started (<c>Step 2/5 : RUN make</c>), or null.</summary>
    public string? Step { get; private set; }

    /// <summary>The last line the running step wrote itself (not the engine's own "---&gt;" lines), or null.</summary>
    public string? LastOutput { get; private set; }

    public void Report(JSONMessage value)
    {
        if (!string.IsNullOrEmpty(value.Stream))
        {
            Append(value.Stream);
        }
        // Progress bars (pulling and pushing layers) change many times a second: only the states in between are worth a line.
        else if (!string.IsNullOrEmpty(value.Status) && string.IsNullOrEmpty(value.ProgressMessage))
        {
            Line(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
        }
        string? error = !string.IsNullOrWhiteSpace(value.Error?.Message) ? value.Error.Message : value.ErrorMessage;
        if (!string.IsNullOrWhiteSpace(error))
        {
            Flush();
            Error ??= error.Trim();
            log.Report("error: " + error.Trim());
        }
    }

    /// <summary>Logs what is left of a line the engine did not end.</summary>
    public void Flush()
    {
        if (_partialLine.Length > 0)
        {
            Line(_partialLine.ToString());
            _partialLine.Clear();
        }
    }

    private void Append(string text)
    {
        foreach (char c in text)
        {
            if (c == '\n')
            {
                Line(_partialLine.ToString());
                _partialLine.Clear();
            }
            else if (c != '\r')
            {
                _partialLine.Append(c);
            }
        }
    }

    private void Line(string line)
    {
        // The engine colours what a step writes to stderr; the colour codes are no part of the line.
        string trimmed = AnsiEscape().Replace(line, "").TrimEnd();
        if (trimmed.Length == 0)
        {
            return;
        }
        if (trimmed.StartsWith("Step ", StringComparison.Ordinal) && trimmed.Contains(" : ", StringComparison.Ordinal))
        {
            Step = trimmed;
            LastOutput = null;
        }
        else if (Step is not null && !trimmed.TrimStart().StartsWith("--->", StringComparison.Ordinal)
            && !trimmed.StartsWith("Removing intermediate container", StringComparison.Ordinal))
        {
            LastOutput = trimmed;
        }
        log.Report(trimmed);
    }
}
