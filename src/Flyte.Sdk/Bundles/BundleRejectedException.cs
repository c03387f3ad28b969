namespace Flyte.Bundles;

/// <summary>A code bundle that <see cref="CodeBundle.ExtractAsync"/> refused; nothing of it was left in the destination.</summary>
internal sealed class BundleRejectedException : Exception
{
    public BundleRejectedException(string message, string? entryName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        EntryName = entryName;
    }

    /// <summary>The tar entry that was refused, as named in the bundle; null when the bundle as a whole was refused.</summary>
    public string? EntryName { get; }

    internal static BundleRejectedException ForEntry(string entryName, string reason) =>
        new($"Code bundle entry '{EchoedValue.Of(entryName)}' rejected: {reason}.", entryName);
}
