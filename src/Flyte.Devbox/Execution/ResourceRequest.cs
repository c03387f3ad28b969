using System.Globalization;
using Flyteidl2.Core;

namespace Flyte.Devbox.Execution;

/// <summary>The CPU (in millicores) and memory (in bytes) an action asks for, from its container's resource requests.</summary>
public sealed record ResourceRequest(long MilliCpu, long MemoryBytes)
{
    public static ResourceRequest None { get; } = new(0, 0);

    public static ResourceRequest From(Container? container) => Read(container?.Resources?.Requests);

    /// <summary>
    /// The container's limits, each falling back to its request (Kubernetes sets a limit-less request's limit to
    /// nothing; a single machine is better off holding a task to what it asked for than letting it take all).
    /// </summary>
    public static ResourceRequest LimitsFrom(Container? container)
    {
        var requests = From(container);
        var limits = Read(container?.Resources?.Limits);
        return new ResourceRequest(
            limits.MilliCpu > 0 ? limits.MilliCpu : requests.MilliCpu,
            limits.MemoryBytes > 0 ? limits.MemoryBytes : requests.MemoryBytes);
    }

    private static ResourceRequest Read(IEnumerable<Resources.Types.ResourceEntry>? entries)
    {
        long milliCpu = 0, memory = 0;
        foreach (var entry in entries ?? [])
        {
            if (entry.Name == Resources.Types.ResourceName.Cpu)
            {
                milliCpu = ParseCpu(entry.Value);
            }
            else if (entry.Name == Resources.Types.ResourceName.Memory)
            {
                memory = ParseBytes(entry.Value);
            }
        }
        return new ResourceRequest(milliCpu, memory);
    }

    /// <summary>Kubernetes CPU quantities: "2", "0.5", "500m".</summary>
    public static long ParseCpu(string quantity)
    {
        quantity = quantity.Trim();
        return quantity.EndsWith('m')
            ? long.Parse(quantity[..^1], CultureInfo.InvariantCulture)
            : (long)Math.Ceiling(double.Parse(quantity, CultureInfo.InvariantCulture) * 1000);
    }

    /// <summary>Kubernetes memory quantities: "512Mi", "1Gi", "1G", "100M", "1500".</summary>
    public static long ParseBytes(string quantity)
    {
        quantity = quantity.Trim();
        (string Suffix, double Factor)[] units =
        [
            ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", 1024d * 1024 * 1024 * 1024),
            ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ];
        foreach (var (suffix, factor) in units)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal))
            {
                return (long)(double.Parse(quantity[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
            }
        }
        return long.Parse(quantity, CultureInfo.InvariantCulture);
    }
}
