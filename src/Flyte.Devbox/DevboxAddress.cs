namespace Flyte.Devbox;

/// <summary>
/// The devbox's own address, known only once the server has bound its port (port 0 picks one). The executor waits for
/// it before starting anything, since every a0 it starts is told where the control plane is.
/// </summary>
public sealed class DevboxAddress
{
    private readonly TaskCompletionSource<string> _known = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Known => _known.Task;

    /// <summary>The address; only valid once the server has started.</summary>
    public string Value => _known.Task.IsCompletedSuccessfully ? _known.Task.Result : throw new InvalidOperationException("the devbox has not bound its port yet");

    public void Set(string address) => _known.TrySetResult(address);
}
