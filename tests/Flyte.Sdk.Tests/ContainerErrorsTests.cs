using Flyte.Execution;
using Flyte.Sdk.Tests.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests;

/// <summary>The one rule a0 and the local engine retry by: only a RecoverableException (or a type derived from it) is worth another attempt.</summary>
public class ContainerErrorsTests
{
    [Fact]
    public void A_RecoverableException_and_its_subtypes_are_recoverable()
    {
        Assert.True(ContainerErrors.IsRecoverable(new RecoverableException("transient")));
        Assert.True(ContainerErrors.IsRecoverable(new GatewayBusyException("busy")));
    }

    [Fact]
    public void Any_other_exception_is_not_even_when_it_wraps_a_recoverable_one()
    {
        Assert.False(ContainerErrors.IsRecoverable(new InvalidOperationException("broken")));
        Assert.False(ContainerErrors.IsRecoverable(new TimeoutException("slow")));
        Assert.False(ContainerErrors.IsRecoverable(new InvalidOperationException("broken", new RecoverableException("transient"))));
    }

    [Fact]
    public void A_user_error_carries_the_rule_as_its_kind_and_a_system_error_is_recoverable()
    {
        var plain = ContainerErrors.FromUser(new ArgumentException("bad"));
        var transient = ContainerErrors.FromUser(new GatewayBusyException("busy"));
        var system = ContainerErrors.FromSystem("TimedOut", "too slow");

        Assert.Equal((ContainerError.Types.Kind.NonRecoverable, ExecutionError.Types.ErrorKind.User), (plain.Kind, plain.Origin));
        Assert.Equal((ContainerError.Types.Kind.Recoverable, ExecutionError.Types.ErrorKind.User), (transient.Kind, transient.Origin));
        Assert.Equal((ContainerError.Types.Kind.Recoverable, ExecutionError.Types.ErrorKind.System), (system.Kind, system.Origin));
    }
}
