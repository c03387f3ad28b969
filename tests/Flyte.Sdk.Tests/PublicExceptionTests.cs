using System.Diagnostics.CodeAnalysis;
using Flyte.Local;
using Flyte.Remote;
using Flyte.Storage;

namespace Flyte.Sdk.Tests;

/// <summary>Every exception Flyte.Sdk exposes derives from <see cref="FlyteException"/>, so one catch handles them all.</summary>
public class PublicExceptionTests
{
    // These keep the BCL base their callers already catch them by: a missing object is an IOException, an attempt's
    // time-out a TimeoutException.
    private static readonly Type[] KeepTheirBclBase = [typeof(ObjectNotFoundException), typeof(AttemptTimedOutException)];

    [Fact]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Tests run untrimmed; the scan reads the SDK's own exported types.")]
    public void Every_public_exception_but_the_documented_ones_derives_from_FlyteException()
    {
        var exceptions = typeof(FlyteException).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && t != typeof(FlyteException))
            .ToList();

        // The scan sees the exceptions users meet most, so an empty or broken scan cannot pass.
        Assert.Contains(typeof(TaskFailedException), exceptions);
        Assert.Contains(typeof(FlyteRemoteException), exceptions);
        var outside = exceptions.Where(t => !typeof(FlyteException).IsAssignableFrom(t)).Except(KeepTheirBclBase).Select(t => t.FullName).ToList();
        Assert.True(outside.Count == 0, "public exceptions that do not derive from FlyteException: " + string.Join(", ", outside));
    }
}
