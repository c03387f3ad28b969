namespace Flyte.Devbox.Execution;

/// <summary>
/// The machine's capacity as the executor hands it out: at most <see cref="MaxConcurrent"/> attempts, and their CPU and
/// memory requests within the machine's. A request larger than the machine is clamped to it, so it runs alone rather
/// than never. A parent that waits on its children gives its share back (<see cref="Release"/>), or a few workflows
/// could hold everything while their children wait forever.
/// </summary>
public sealed class ResourcePool(long milliCpu, long memoryBytes, int maxConcurrent)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ResourceRequest> _held = new(StringComparer.Ordinal);
    private long _freeMilliCpu = milliCpu;
    private long _freeMemory = memoryBytes;

    public long MilliCpu { get; } = milliCpu;
    public long MemoryBytes { get; } = memoryBytes;
    public int MaxConcurrent { get; } = maxConcurrent;

    public static ResourcePool ForThisMachine(int? maxConcurrent = null) => new(
        Environment.ProcessorCount * 1000L,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        maxConcurrent ?? Math.Max(2, Environment.ProcessorCount * 2));

    /// <summary>Takes what <paramref name="request"/> needs for <paramref name="holder"/>, if it is free now.</summary>
    public bool TryTake(string holder, ResourceRequest request)
    {
        var clamped = new ResourceRequest(Math.Min(request.MilliCpu, MilliCpu), Math.Min(request.MemoryBytes, MemoryBytes));
        lock (_gate)
        {
            if (_held.ContainsKey(holder))
            {
                return true;
            }
            if (_held.Count >= MaxConcurrent || clamped.MilliCpu > _freeMilliCpu || clamped.MemoryBytes > _freeMemory)
            {
                return false;
            }
            _held[holder] = clamped;
            _freeMilliCpu -= clamped.MilliCpu;
            _freeMemory -= clamped.MemoryBytes;
            return true;
        }
    }

    /// <summary>Gives back what <paramref name="holder"/> took; true if it held anything.</summary>
    public bool Release(string holder)
    {
        lock (_gate)
        {
            if (!_held.Remove(holder, out var request))
            {
                return false;
            }
            _freeMilliCpu += request.MilliCpu;
            _freeMemory += request.MemoryBytes;
            return true;
        }
    }

    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }
}
