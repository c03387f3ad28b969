using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary><c>flyte create secret</c>, <c>flyte get secrets</c> and <c>flyte delete secret</c> against a devbox.</summary>
public sealed class SecretCommandTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>
{
    [Fact]
    public async Task A_secret_is_created_listed_without_its_value_and_deleted()
    {
        string name = "api-" + Guid.NewGuid().ToString("N")[..8];
        using var scratch = new TemporaryDirectory();
        string file = Path.Combine(scratch.Path, "token");
        await File.WriteAllTextAsync(file, "s3cr3t-from-a-file\n");

        var created = await devbox.RunAsync("create", "secret", name, "--from-file", file, "--project", "flytesnacks", "--domain", "development");
        var listed = await devbox.RunAsync("get", "secrets", "--project", "flytesnacks", "--domain", "development");
        var one = await devbox.RunAsync("get", "secrets", name, "--project", "flytesnacks", "--domain", "development");
        var atOrg = await devbox.RunAsync("get", "secrets");
        var deleted = await devbox.RunAsync("delete", "secret", name, "--project", "flytesnacks", "--domain", "development");
        var again = await devbox.RunAsync("delete", "secret", name, "--project", "flytesnacks", "--domain", "development");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"secret {name} created in flytesnacks/development", created.Out.Trim());
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var lines = listed.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+SCOPE\s+TYPE\s+CREATED$", lines[0]);
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{name}\s+flytesnacks/development\s+generic\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d$"));
        Assert.Contains(name, one.Out);
        Assert.DoesNotContain(name, atOrg.Out);
        Assert.DoesNotContain("s3cr3t", listed.Out + one.Out + created.Out + created.Error);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"secret {name} deleted from flytesnacks/development", deleted.Out.Trim());
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"secret {name} does not exist in project flytesnacks, domain development", again.Error);
    }

    [Fact]
    public async Task Without_a_value_or_with_a_bad_name_nothing_is_created()
    {
        var noValue = await devbox.RunAsync("create", "secret", "nothing");
        var badName = await devbox.RunAsync("create", "secret", "db.password", "--value", "x");
        var badType = await devbox.RunAsync("create", "secret", "typed", "--value", "x", "--type", "tls");
        var listed = await devbox.RunAsync("get", "secrets");

        Assert.Equal(2, noValue.ExitCode);
        Assert.Equal("flyte: give the secret's value with --value or --from-file (a file keeps it out of your shell's history)", noValue.Error.Trim());
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("id.name 'db.password' is not valid", badName.Error);
        Assert.Equal(2, badType.ExitCode);
        Assert.Equal("flyte: --type tls is not a secret type: use generic or image-pull", badType.Error.Trim());
        Assert.DoesNotContain("nothing", listed.Out);
        Assert.DoesNotContain("typed", listed.Out);
    }
}
