namespace Flyte.Remote.Auth;

/// <summary>The attempt of a call that is under way now: a retry replaces the refused one, which is disposed.</summary>
internal sealed class CurrentCall<TCall>
    where TCall : class, IDisposable
{
    private TCall? _value;
    private bool _disposed;

    public TCall? Value => Volatile.Read(ref _value);

    public TCall Replace(TCall call)
    {
        TCall? previous;
        bool disposed;
        lock (this)
        {
            previous = _value;
            _value = call;
            disposed = _disposed;
        }
        previous?.Dispose();
        if (disposed)
        {
            call.Dispose();
        }
        return call;
    }

    public void Dispose()
    {
        TCall? value;
        lock (this)
        {
            _disposed = true;
            value = _value;
        }
        value?.Dispose();
    }
}
