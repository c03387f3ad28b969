using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Model;

namespace Flyte.Generators.Parsing;

/// <summary>Reads task options, applies the environment's defaults, and checks every value at compile time.</summary>
internal static class OptionsParser
{
    private static readonly Regex CpuQuantity = new(@"^([0-9]+(\.[0-9]+)?|[0-9]+m)$");
    private static readonly Regex ByteQuantity = new(@"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$");
    private static readonly Regex Count = new(@"^[0-9]+$");
    private static readonly Regex ShortDuration = new(@"^([0-9]+)(ms|s|m|h|d)$");
    private static readonly Regex EnvName = new(@"^[A-Za-z_][A-Za-z0-9_]*$");
    // A secret's name on a Flyte 2 control plane is [-a-zA-Z0-9_]+, and flyte-sdk makes GROUP_KEY (or KEY) its variable,
    // which must start with a letter or '_'.
    private static readonly Regex SecretPart = new(@"^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$");

    public static TaskOptionsModel Parse(
        AttributeValues task,
        AttributeValues environment,
        IReadOnlyCollection<string> inputNames,
        List<DiagnosticInfo> diagnostics)
    {
        void Invalid(string option, string value, string why, AttributeValues? source = null) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, (source ?? task).ArgumentLocation(option), option, Quote(value), why));

        int retries = task.Int("Retries") ?? 0;
        if (retries < 0)
        {
            Invalid("Retries", retries.ToString(CultureInfo.InvariantCulture), "retries must be 0 or more");
            retries = 0;
        }

        long? timeoutMilliseconds = null;
        if (task.String("Timeout") is { } timeout)
        {
            timeoutMilliseconds = ParseTimeoutMilliseconds(timeout);
            if (timeoutMilliseconds is null or <= 0)
            {
                Invalid("Timeout", timeout, "write a positive duration such as \"500ms\", \"90s\", \"5m\", \"2h\" or \"01:30:00\"");
                timeoutMilliseconds = null;
            }
        }

        var ignored = task.Strings("CacheIgnoredInputs");
        foreach (string name in ignored.Where(n => !inputNames.Contains(n)))
        {
            Invalid("CacheIgnoredInputs", name, $"it is not an input of this task (inputs: {string.Join(", ", inputNames)})");
        }

        var requests = new List<ResourceModel>();
        var limits = new List<ResourceModel>();
        void Resource(List<ResourceModel> target, string option, string resourceName, Regex format, string example)
        {
            var source = task.Has(option) ? task : environment;
            string? value = source.String(option);
            if (value is null)
            {
                return;
            }
            if (!format.IsMatch(value))
            {
                Invalid(option, value, $"write a Kubernetes quantity such as {example}", source);
                return;
            }
            target.Add(new ResourceModel(resourceName, value));
        }
        // Order as flyte-sdk writes them: CPU, memory, GPU, ephemeral storage; GPU and disk only as requests.
        Resource(requests, "Cpu", "Cpu", CpuQuantity, "\"1\", \"0.5\" or \"500m\"");
        Resource(requests, "Memory", "Memory", ByteQuantity, "\"512Mi\" or \"2Gi\"");
        Resource(requests, "Gpu", "Gpu", Count, "\"1\"");
        Resource(requests, "Disk", "EphemeralStorage", ByteQuantity, "\"10Gi\"");
        Resource(limits, "CpuLimit", "Cpu", CpuQuantity, "\"2\" or \"1500m\"");
        Resource(limits, "MemoryLimit", "Memory", ByteQuantity, "\"1Gi\"");

        var env = new List<EnvVarModel>();
        foreach (var (entry, source) in environment.Strings("Env").Select(e => (e, environment)).Concat(task.Strings("Env").Select(e => (e, task))))
        {
            int equals = entry.IndexOf('=');
            string name = equals > 0 ? entry.Substring(0, equals) : "";
            if (!EnvName.IsMatch(name))
            {
                Invalid("Env", entry, "write NAME=value, where NAME is letters, digits and '_' and does not start with a digit", source);
                continue;
            }
            env.RemoveAll(e => e.Name == name);
            env.Add(new EnvVarModel(name, entry.Substring(equals + 1)));
        }

        var secrets = new List<SecretModel>();
        foreach (var (entry, source) in environment.Strings("Secrets").Select(e => (e, environment)).Concat(task.Strings("Secrets").Select(e => (e, task))))
        {
            if (secrets.Any(s => (s.Group.Length > 0 ? s.Group + "/" + s.Key : s.Key) == entry))
            {
                continue;
            }
            string[] parts = entry.Split('/');
            if (parts.Length > 2 || !parts.All(SecretPart.IsMatch) || char.IsDigit(parts[0][0]))
            {
                Invalid("Secrets", entry, "write \"key\" or \"group/key\" with letters, digits, '-' and '_', starting with a letter (it is read as the variable GROUP_KEY)", source);
                continue;
            }
            secrets.Add(parts.Length == 2 ? new SecretModel(parts[0], parts[1]) : new SecretModel("", parts[0]));
        }

        return new TaskOptionsModel(
            Description: task.String("Description"),
            Retries: retries,
            TimeoutMilliseconds: timeoutMilliseconds,
            Cache: task.Bool("Cache"),
            CacheVersion: task.String("CacheVersion"),
            CacheIgnoredInputs: new EquatableArray<string>(ignored.Where(inputNames.Contains)),
            CacheSerialize: task.Bool("CacheSerialize"),
            Interruptible: task.Bool("Interruptible"),
            Report: task.Bool("Report"),
            Image: task.String("Image") ?? environment.String("Image"),
            Requests: new EquatableArray<ResourceModel>(requests),
            Limits: new EquatableArray<ResourceModel>(limits),
            Env: new EquatableArray<EnvVarModel>(env),
            Secrets: new EquatableArray<SecretModel>(secrets));
    }

    /// <summary>
    /// "500ms", "90s", "5m", "2h", "1d" or a TimeSpan with colons ("01:30:00", "1.02:03:04", "00:00:01.5"), in
    /// milliseconds; null when unreadable. A bare number is refused: TimeSpan would read "90" as 90 days.
    /// </summary>
    public static long? ParseTimeoutMilliseconds(string text)
    {
        var match = ShortDuration.Match(text.Trim());
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
        {
            return match.Groups[2].Value switch
            {
                "ms" => amount,
                "s" => amount * 1000,
                "m" => amount * 60_000,
                "h" => amount * 3_600_000,
                _ => amount * 86_400_000,
            };
        }
        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? (long)span.TotalMilliseconds : null;
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
