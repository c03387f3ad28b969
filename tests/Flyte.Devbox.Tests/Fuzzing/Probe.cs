namespace Flyte.Devbox.Tests.Fuzzing;

/// <summary>One generated request: what it is (for a failure's message) and how to send it.</summary>
internal sealed record Probe(string Description, Func<FuzzTarget, Task> SendAsync)
{
    public override string ToString() => Description.Length <= 300 ? Description : $"{Description[..300]}… ({Description.Length} characters)";
}
