using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Secret;
using Flyteidl2.Workflow;
using Secret = Flyteidl2.Core.Secret;
using SecurityContext = Flyteidl2.Core.SecurityContext;
using TaskTemplate = Flyteidl2.Core.TaskTemplate;
using Identifier = Flyteidl2.Core.Identifier;

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

/// <summary>What the devbox refuses to give an attempt, each as one line before anything runs.</summary>
public sealed class AttemptSecretsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "attempt-secrets-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Flyteidl2.Task.TaskSpec Spec(params (string Group, string Key, string Variable)[] secrets)
    {
        var template = new TaskTemplate { Id = new Identifier { Name = "demo.Task" }, SecurityContext = new SecurityContext() };
        template.SecurityContext.Secrets.Add(secrets.Select(s => new Secret { Group = s.Group, Key = s.Key, EnvVar = s.Variable, MountRequirement = Secret.Types.MountType.EnvVar }));
        return new Flyteidl2.Task.TaskSpec { TaskTemplate = template };
    }

    [Fact]
    public void Two_secrets_that_would_be_one_variable_are_refused()
    {
        Directory.CreateDirectory(_folder);
        using var database = Flyte.Devbox.State.DevboxDatabase.Open(Path.Combine(_folder, "state.db"));
        var cipher = new Flyte.Devbox.Secrets.SecretCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        foreach (string key in new[] { "password", "db_password" })
        {
            database.CreateSecret(new Flyte.Devbox.State.SecretRecord(new Flyte.Devbox.State.SecretKey("", "", "", key),
                cipher.Encrypt("v"u8, new Flyte.Devbox.State.SecretKey("", "", "", key).Identity), false, 0, DateTimeOffset.UtcNow));
        }

        var resolved = Flyte.Devbox.Secrets.AttemptSecrets.Resolve(Spec(("db", "password", "DB_PASSWORD"), ("", "db_password", "DB_PASSWORD")),
            new Flyte.Devbox.State.RunKey("", "flytesnacks", "development", "r"), database, cipher);

        Assert.Equal("demo.Task declares two secrets that are both the variable DB_PASSWORD; rename one", resolved.Problem);
    }

    [Fact]
    public void A_secret_sealed_under_a_replaced_key_says_so()
    {
        Directory.CreateDirectory(_folder);
        using var database = Flyte.Devbox.State.DevboxDatabase.Open(Path.Combine(_folder, "state.db"));
        var key = new Flyte.Devbox.State.SecretKey("", "flytesnacks", "development", "token");
        var old = new Flyte.Devbox.Secrets.SecretCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        database.CreateSecret(new Flyte.Devbox.State.SecretRecord(key, old.Encrypt("v"u8, key.Identity), false, 0, DateTimeOffset.UtcNow));
        var replaced = new Flyte.Devbox.Secrets.SecretCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var resolved = Flyte.Devbox.Secrets.AttemptSecrets.Resolve(Spec(("", "token", "TOKEN")), new Flyte.Devbox.State.RunKey("", "flytesnacks", "development", "r"), database, replaced);

        Assert.Equal("secret token in project flytesnacks, domain development cannot be read: it was sealed under another secrets key (the data folder's secrets.key was replaced); delete it and create it again", resolved.Problem);
        Assert.Empty(resolved.Variables);
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
