using System.Collections.Generic;
using System.Globalization;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Model;

namespace Flyte.Generators.Parsing;

/// <summary>
/// Reads a class's [Reusable] with flyte-sdk's defaults and rules (<c>ReusePolicy</c> in src/flyte/_reusable_environment.py):
/// 2 replicas, both TTLs 30 seconds and at least that, concurrency 1.
/// </summary>
internal static class ReuseParser
{
    private const long MinimumTtlMilliseconds = 30_000;

    /// <summary>Null when the class is not reusable, or when a value is invalid (then with a diagnostic).</summary>
    public static ReuseModel? Parse(AttributeValues reusable, List<DiagnosticInfo> diagnostics)
    {
        if (reusable.Attribute is null)
        {
            return null;
        }
        int errorsBefore = diagnostics.Count;
        void Invalid(string option, string value, string why) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidReusePolicy, reusable.ArgumentLocation(option) ?? reusable.Location, option, value, why));

        int maxReplicas = reusable.Int("Replicas") ?? 2;
        if (maxReplicas < 1)
        {
            Invalid("Replicas", Number(maxReplicas), "an environment needs at least 1 worker");
        }
        int minReplicas = reusable.Int("MinReplicas") ?? maxReplicas;
        if (minReplicas < 0 || minReplicas > maxReplicas)
        {
            Invalid("MinReplicas", Number(minReplicas), $"write a number from 0 to Replicas ({Number(maxReplicas)})");
        }
        int concurrency = reusable.Int("Concurrency") ?? 1;
        if (concurrency < 1)
        {
            Invalid("Concurrency", Number(concurrency), "a worker runs at least 1 action at a time");
        }
        long Ttl(string option)
        {
            if (reusable.String(option) is not { } text)
            {
                return MinimumTtlMilliseconds;
            }
            long? milliseconds = OptionsParser.ParseTimeoutMilliseconds(text);
            if (milliseconds is null || milliseconds < MinimumTtlMilliseconds)
            {
                Invalid(option, "\"" + text + "\"", "write a duration of at least 30 seconds, such as \"30s\", \"5m\", \"1h\" or \"00:10:00\" (flyte-sdk's minimum)");
                return MinimumTtlMilliseconds;
            }
            return milliseconds.Value;
        }
        long idleTtl = Ttl("IdleTtl");
        long scaledownTtl = Ttl("ScaledownTtl");

        return diagnostics.Count > errorsBefore ? null : new ReuseModel(minReplicas, maxReplicas, concurrency, idleTtl, scaledownTtl);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
