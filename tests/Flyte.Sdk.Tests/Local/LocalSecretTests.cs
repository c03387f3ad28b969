using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;

namespace Flyte.Sdk.Tests.Local;

/// <summary>Secrets in a local run: the environment first, then the local secrets file; a missing one stops the task
/// before its code runs, without retries (docs/secrets.md).</summary>
public sealed class LocalSecretTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flyte-secrets-" + Guid.NewGuid().ToString("N"));

    public LocalSecretTests() => Directory.CreateDirectory(_home);

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private string SecretsFile => Path.Combine(_home, "secrets.json");

    private LocalRunOptions Options => new() { FlyteHome = _home, RunDirectory = Path.Combine(_home, "run", Guid.NewGuid().ToString("N")), UseCache = false };

    [Fact]
    public async Task A_declared_secret_comes_from_the_local_secrets_file()
    {
        await File.WriteAllTextAsync(SecretsFile, """{ "db/password": "from the file" }""");

        var run = await SecretUsers.FlyteTasks.Password.RunLocalAsync(Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal("from the file", run.Value);
    }

    [Fact]
    public async Task The_environment_comes_first_under_the_name_flyte_sdk_gives_it()
    {
        await File.WriteAllTextAsync(SecretsFile, """{ "sdk-tests-env-only-token": "from the file" }""");
        Environment.SetEnvironmentVariable("SDK_TESTS_ENV_ONLY_TOKEN", "from the environment");
        try
        {
            var run = await SecretUsers.FlyteTasks.FromEnvironment.RunLocalAsync(Options);

            Assert.True(run.Succeeded, run.Failure?.Message);
            Assert.Equal("from the environment", run.Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SDK_TESTS_ENV_ONLY_TOKEN", null);
        }
    }

    [Fact]
    public async Task A_missing_secret_fails_once_with_one_line_before_the_task_runs()
    {
        int readsBefore = SecretUsers.PasswordReads;

        var run = await SecretUsers.FlyteTasks.Password.RunLocalAsync(Options);

        Assert.False(run.Succeeded);
        Assert.Equal(1, run.Report.Attempts);
        Assert.Equal(readsBefore, SecretUsers.PasswordReads);
        Assert.Equal(
            $"secret db/password, which secret-users.Password declares, is not set: create it with 'flyte create secret password' (locally: set DB_PASSWORD or add \"db/password\" to {SecretsFile})",
            run.Report.Error);
    }

    [Fact]
    public async Task A_secret_the_task_does_not_declare_is_an_error_that_says_to_declare_it()
    {
        var run = await SecretUsers.FlyteTasks.Undeclared.RunLocalAsync(Options);

        Assert.False(run.Succeeded);
        Assert.Contains("secret never-declared is not declared by the task or not set: declare it (Secrets = [\"never-declared\"])", run.Report.Error);
    }

    [Fact]
    public async Task An_undeclared_secret_is_refused_even_when_its_variable_is_set()
    {
        await File.WriteAllTextAsync(SecretsFile, """{ "db/password": "declared" }""");
        Assert.NotNull(Environment.GetEnvironmentVariable("PATH"));

        var run = await SecretUsers.FlyteTasks.UndeclaredButSet.RunLocalAsync(Options);

        Assert.False(run.Succeeded);
        Assert.Contains("secret path is not declared by the task or not set", run.Report.Error);
    }

    [Fact]
    public async Task A_secrets_file_that_is_not_a_json_object_says_so()
    {
        await File.WriteAllTextAsync(SecretsFile, "password=hunter2");

        var run = await SecretUsers.FlyteTasks.Password.RunLocalAsync(Options);

        Assert.False(run.Succeeded);
        Assert.Contains($"{SecretsFile} is not a secrets file: write a JSON object", run.Report.Error);
        Assert.DoesNotContain("hunter2", run.Report.Error);
    }
}
