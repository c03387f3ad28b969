using System.Runtime.InteropServices;
using Flyte;

namespace DevboxTests;

/// <summary>A task that goes over its memory limit, for the container launcher's out-of-memory handling.</summary>
[TaskEnvironment("memory")]
public static partial class Memory
{
    /// <summary>
    /// Takes <paramref name="megabytes"/> of native memory and touches every page of it: outside the GC's heap, so
    /// the runtime's own heap limit does not turn it into an OutOfMemoryException; over the container's limit, the
    /// kernel kills the process, as it would any program that took too much.
    /// </summary>
    [Task(MemoryLimit = "128Mi", Retries = 1)]
    public static unsafe long Hog(int megabytes)
    {
        long size = megabytes * 1024L * 1024L;
        byte* memory = (byte*)NativeMemory.Alloc((nuint)size);
        for (long offset = 0; offset < size; offset += 4096)
        {
            memory[offset] = 1;
        }
        long touched = 0;
        for (long offset = 0; offset < size; offset += 4096)
        {
            touched += memory[offset];
        }
        NativeMemory.Free(memory);
        return touched;
    }
}
