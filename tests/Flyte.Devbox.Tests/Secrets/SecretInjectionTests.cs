using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Secret;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.Secrets;

/// <summary>
/// A task's declared secrets given to its attempts as the variables its spec names, looked up by key in the run's
/// project and domain, then its domain, then the org, as Flyte's embedded secret manager does
/// (flyteplugins/go/tasks/pluginmachinery/secret/embedded_secret_manager.go); a missing one fails the attempt before
/// the task's code runs, without retries.
/// </summary>
public sealed class SecretInjectionTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_declared_secret_reaches_the_task_from_its_project_or_from_the_org()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "secrets.Token", "secrets.PasswordLength");
        await SecretInjection.CreateAsync(_harness, "api-token", "tok-123", DevboxHarness.Project, DevboxHarness.Domain);
        await SecretInjection.CreateAsync(_harness, "password", "correct horse");

        var token = await _harness.StartRunAsync(tasks["secrets.Token"], new LiteralMap());
        var length = await _harness.StartRunAsync(tasks["secrets.PasswordLength"], new LiteralMap());
        var tokenDetails = await _harness.WaitAsync(token);
        var lengthDetails = await _harness.WaitAsync(length);

        Assert.True(tokenDetails.Action.Status.Phase == ActionPhase.Succeeded, tokenDetails.Action.ErrorInfo?.Message);
        Assert.Equal("tok-123", (await _harness.OutputsAsync(token)).Literals["o0"].Scalar.Primitive.StringValue);
        Assert.True(lengthDetails.Action.Status.Phase == ActionPhase.Succeeded, lengthDetails.Action.ErrorInfo?.Message);
        Assert.Equal("correct horse".Length, (await _harness.OutputsAsync(length)).Literals["o0"].Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task A_missing_secret_fails_the_attempt_with_one_line_naming_it_and_no_retry()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "secrets.PasswordLength");

        var run = await _harness.StartRunAsync(tasks["secrets.PasswordLength"], new LiteralMap());
        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Failed, details.Action.Status.Phase);
        Assert.Equal(1u, details.Action.Status.Attempts);
        Assert.Equal(ErrorInfo.Types.Kind.System, details.Action.ErrorInfo.Kind);
        Assert.Equal(
            "SecretNotFound: secret password, which secrets.PasswordLength declares, does not exist in flytesnacks/development, in domain development or in the org; "
            + "create it with 'flyte create secret password --from-file <file> --project flytesnacks --domain development'",
            details.Action.ErrorInfo.Message);
    }
}

/// <summary>Creating secrets through the devbox's SecretService, for tests.</summary>
internal static class SecretInjection
{
    public static Task CreateAsync(DevboxHarness harness, string name, string value, string project = "", string domain = "") =>
        harness.Secrets.CreateSecretAsync(new CreateSecretRequest
        {
            Id = new SecretIdentifier { Name = name, Project = project, Domain = domain },
            SecretSpec = new SecretSpec { StringValue = value },
        }).ResponseAsync;
}
