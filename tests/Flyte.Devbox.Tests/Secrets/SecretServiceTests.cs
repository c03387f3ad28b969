using System.Security.Cryptography;
using System.Text;
using Flyte.Devbox.Secrets;
using Flyte.Devbox.State;
using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Secret;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Secrets;

/// <summary>
/// flyteidl2's SecretService on the devbox, through real gRPC and SQLite (flyteidl2/secret/secret.proto, payload.proto,
/// definition.proto): scopes, metadata without values, paging, clear errors, and values that are encrypted at rest.
/// </summary>
public sealed class SecretServiceTests : IAsyncLifetime
{
    private const string Value = "hunter2-correct-horse-battery-staple";

    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static SecretIdentifier Id(string name, string project = "", string domain = "") => new() { Name = name, Project = project, Domain = domain };

    private Task CreateAsync(SecretIdentifier id, string value = Value, SecretType type = SecretType.Generic) =>
        _harness.Secrets.CreateSecretAsync(new CreateSecretRequest { Id = id, SecretSpec = new SecretSpec { StringValue = value, Type = type } }).ResponseAsync;

    [Fact]
    public async Task A_secret_is_stored_shown_without_its_value_updated_and_deleted()
    {
        await CreateAsync(Id("db-password", "flytesnacks", "development"));

        var got = await _harness.Secrets.GetSecretAsync(new GetSecretRequest { Id = Id("db-password", "flytesnacks", "development") });
        Assert.Equal("db-password", got.Secret.Id.Name);
        Assert.Equal(OverallStatus.FullyPresent, got.Secret.SecretMetadata.SecretStatus.OverallStatus);
        Assert.DoesNotContain(Value, Encoding.UTF8.GetString(got.ToByteArray()));
        Assert.Equal(Value, Reveal(new SecretKey("", "flytesnacks", "development", "db-password")));

        await _harness.Secrets.UpdateSecretAsync(new UpdateSecretRequest
        {
            Id = Id("db-password", "flytesnacks", "development"),
            SecretSpec = new SecretSpec { BinaryValue = ByteString.CopyFromUtf8("rotated") },
        });
        Assert.Equal("rotated", Reveal(new SecretKey("", "flytesnacks", "development", "db-password")));

        await _harness.Secrets.DeleteSecretAsync(new DeleteSecretRequest { Id = Id("db-password", "flytesnacks", "development") });
        var gone = await Assert.ThrowsAsync<RpcException>(() => _harness.Secrets.GetSecretAsync(new GetSecretRequest { Id = Id("db-password", "flytesnacks", "development") }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Equal("secret db-password does not exist in project flytesnacks, domain development", gone.Status.Detail);
    }

    [Fact]
    public async Task List_shows_one_scope_a_page_at_a_time_and_never_a_value()
    {
        foreach (string name in new[] { "c", "a", "b" })
        {
            await CreateAsync(Id(name));
        }
        await CreateAsync(Id("in-domain", domain: "development"));

        var first = await _harness.Secrets.ListSecretsAsync(new ListSecretsRequest { Limit = 2 });
        var second = await _harness.Secrets.ListSecretsAsync(new ListSecretsRequest { Limit = 2, Token = first.Token });
        var domain = await _harness.Secrets.ListSecretsAsync(new ListSecretsRequest { Domain = "development" });

        Assert.Equal(["a", "b"], first.Secrets.Select(s => s.Id.Name));
        Assert.Equal("b", first.Token);
        Assert.Equal(["c"], second.Secrets.Select(s => s.Id.Name));
        Assert.Equal("", second.Token);
        Assert.Equal(["in-domain"], domain.Secrets.Select(s => s.Id.Name));
        Assert.DoesNotContain(Value, Encoding.UTF8.GetString(first.ToByteArray()) + Encoding.UTF8.GetString(second.ToByteArray()));
    }

    [Fact]
    public async Task Bad_requests_get_one_clear_line_and_change_nothing()
    {
        await CreateAsync(Id("token"));

        await AssertFailsAsync(StatusCode.AlreadyExists, "secret token already exists in the org; update it, or delete it first", () => CreateAsync(Id("token"), "other"));
        await AssertFailsAsync(StatusCode.InvalidArgument, "id.name 'db.password' is not valid: use letters, digits, '-' and '_', at most 63 characters", () => CreateAsync(Id("db.password")));
        await AssertFailsAsync(StatusCode.InvalidArgument, "id.domain is required with id.project: a secret belongs to the org, to a domain, or to a project and domain",
            () => CreateAsync(Id("x", project: "flytesnacks")));
        await AssertFailsAsync(StatusCode.InvalidArgument, "secret_spec.value is required: string_value or binary_value",
            () => _harness.Secrets.CreateSecretAsync(new CreateSecretRequest { Id = Id("empty"), SecretSpec = new SecretSpec() }).ResponseAsync);
        await AssertFailsAsync(StatusCode.InvalidArgument, $"secret_spec.value has {SecretServiceImpl.MaxValueBytes + 1} bytes; a secret holds at most {SecretServiceImpl.MaxValueBytes}",
            () => CreateAsync(Id("big"), new string('x', SecretServiceImpl.MaxValueBytes + 1)));
        await AssertFailsAsync(StatusCode.NotFound, "secret nothing does not exist in the org",
            () => _harness.Secrets.DeleteSecretAsync(new DeleteSecretRequest { Id = Id("nothing") }).ResponseAsync);
        await AssertFailsAsync(StatusCode.InvalidArgument, "limit 5000 is not valid: use 1 to 1000, or 0 for 100",
            () => _harness.Secrets.ListSecretsAsync(new ListSecretsRequest { Limit = 5000 }).ResponseAsync);

        Assert.Equal(Value, Reveal(new SecretKey("", "", "", "token")));
        Assert.Equal(["token"], (await _harness.Secrets.ListSecretsAsync(new ListSecretsRequest())).Secrets.Select(s => s.Id.Name));
    }

    [Fact]
    public async Task Values_are_encrypted_at_rest_and_survive_a_restart()
    {
        await CreateAsync(Id("api-key"));
        await _harness.StopDevboxAsync();

        byte[] database = await File.ReadAllBytesAsync(Path.Combine(_harness.DataDirectory, "state.db"));
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Value)));
        string keyFile = Path.Combine(_harness.DataDirectory, "secrets.key");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        await _harness.StartDevboxAsync();
        Assert.Equal(Value, Reveal(new SecretKey("", "", "", "api-key")));
    }

    [Fact]
    public void A_sealed_value_opens_only_for_its_own_secret_and_key()
    {
        var cipher = new SecretCipher(RandomNumberGenerator.GetBytes(32));
        byte[] sealedValue = cipher.Encrypt(Encoding.UTF8.GetBytes(Value), "/p/d/one");

        Assert.Equal(Value, Encoding.UTF8.GetString(cipher.Decrypt(sealedValue, "/p/d/one")));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedValue, "/p/d/two"));
        Assert.ThrowsAny<CryptographicException>(() => new SecretCipher(RandomNumberGenerator.GetBytes(32)).Decrypt(sealedValue, "/p/d/one"));
        Assert.NotEqual(sealedValue, cipher.Encrypt(Encoding.UTF8.GetBytes(Value), "/p/d/one"));
    }

    private string? Reveal(SecretKey key)
    {
        using var database = DevboxDatabase.Open(Path.Combine(_harness.DataDirectory, "state.db"));
        var cipher = new SecretCipher(Flyte.Devbox.Storage.SigningKeyFile.LoadOrCreate(Path.Combine(_harness.DataDirectory, "secrets.key")));
        return SecretServiceImpl.Reveal(database, cipher, key) is { } value ? Encoding.UTF8.GetString(value) : null;
    }

    private static async Task AssertFailsAsync(StatusCode code, string detail, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
    }
}
