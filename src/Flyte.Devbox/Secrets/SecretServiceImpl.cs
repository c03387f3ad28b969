using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyteidl2.Secret;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Secrets;

/// <summary>
/// flyteidl2's SecretService on the devbox (docs/secrets.md): secrets scoped to the org, a domain, or a project and
/// domain; values encrypted at rest with the devbox's secrets key. Get and List answer metadata only, never a value, and
/// no value is ever logged or put in an error.
/// </summary>
public sealed class SecretServiceImpl(DevboxDatabase database, SecretCipher cipher, TimeProvider clock) : SecretService.SecretServiceBase
{
    /// <summary>The largest value accepted, in bytes: a password, a token, a key file, a Docker config.</summary>
    public const int MaxValueBytes = 64 * 1024;

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public override Task<CreateSecretResponse> CreateSecret(CreateSecretRequest request, ServerCallContext context)
    {
        var key = Key(request.Id);
        var (value, isBinary) = Value(request.SecretSpec);
        var record = new SecretRecord(key, cipher.Encrypt(value, key.Identity), isBinary, (int)request.SecretSpec.Type, clock.GetUtcNow());
        if (!database.CreateSecret(record))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"secret {key.Name} already exists in {key.ScopeText}; update it, or delete it first"));
        }
        return Task.FromResult(new CreateSecretResponse());
    }

    public override Task<UpdateSecretResponse> UpdateSecret(UpdateSecretRequest request, ServerCallContext context)
    {
        var key = Key(request.Id);
        var (value, isBinary) = Value(request.SecretSpec);
        if (!database.UpdateSecret(key, cipher.Encrypt(value, key.Identity), isBinary, (int)request.SecretSpec.Type))
        {
            throw NotFound(key);
        }
        return Task.FromResult(new UpdateSecretResponse());
    }

    public override Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context)
    {
        var key = Key(request.Id);
        var secret = database.GetSecret(key) ?? throw NotFound(key);
        return Task.FromResult(new GetSecretResponse { Secret = Shown(secret) });
    }

    public override Task<DeleteSecretResponse> DeleteSecret(DeleteSecretRequest request, ServerCallContext context)
    {
        var key = Key(request.Id);
        if (!database.DeleteSecret(key))
        {
            throw NotFound(key);
        }
        return Task.FromResult(new DeleteSecretResponse());
    }

    /// <summary>One scope's secrets by name, a page at a time; the token is the last name of a full page.</summary>
    public override Task<ListSecretsResponse> ListSecrets(ListSecretsRequest request, ServerCallContext context)
    {
        var scope = Key(new SecretIdentifier { Organization = request.Organization, Project = request.Project, Domain = request.Domain, Name = "scope" }, "request");
        if (request.Limit is < 0 or > MaxPageSize)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"limit {request.Limit} is not valid: use 1 to {MaxPageSize}, or 0 for {DefaultPageSize}"));
        }
        int limit = request.Limit == 0 ? DefaultPageSize : request.Limit;
        string after = request.Token.Length == 0 ? "" : Identifiers.SecretName(request.Token, "token");
        var page = database.ListSecrets(scope.Org, scope.Project, scope.Domain, after, limit);
        var response = new ListSecretsResponse { Token = page.Count == limit ? page[^1].Key.Name : "" };
        response.Secrets.Add(page.Select(Shown));
        return Task.FromResult(response);
    }

    /// <summary>The stored value of a secret, for the executor that injects it into an attempt; null when there is none.</summary>
    public static byte[]? Reveal(DevboxDatabase database, SecretCipher cipher, SecretKey key) =>
        database.GetSecret(key) is { } secret ? cipher.Decrypt(secret.SealedValue, key.Identity) : null;

    private static SecretKey Key(SecretIdentifier? id, string field = "id")
    {
        if (id is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required"));
        }
        string org = Identifiers.Org(id.Organization, $"{field}.organization");
        string project = id.Project.Length == 0 ? "" : Identifiers.Name(id.Project, $"{field}.project");
        string domain = id.Domain.Length == 0 ? "" : Identifiers.Name(id.Domain, $"{field}.domain");
        if (project.Length > 0 && domain.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"{field}.domain is required with {field}.project: a secret belongs to the org, to a domain, or to a project and domain"));
        }
        return new SecretKey(org, project, domain, Identifiers.SecretName(id.Name, $"{field}.name"));
    }

    private static (byte[] Value, bool IsBinary) Value(SecretSpec? spec)
    {
        (byte[] value, bool isBinary) = spec?.ValueCase switch
        {
            SecretSpec.ValueOneofCase.StringValue => (System.Text.Encoding.UTF8.GetBytes(spec.StringValue), false),
            SecretSpec.ValueOneofCase.BinaryValue => (spec.BinaryValue.ToByteArray(), true),
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "secret_spec.value is required: string_value or binary_value")),
        };
        if (value.Length > MaxValueBytes)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"secret_spec.value has {value.Length} bytes; a secret holds at most {MaxValueBytes}"));
        }
        if (!Enum.IsDefined(spec.Type))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"secret_spec.type {(int)spec.Type} is not a SecretType"));
        }
        return (value, isBinary);
    }

    private static Secret Shown(SecretRecord secret) => new()
    {
        Id = new SecretIdentifier { Organization = secret.Key.Org, Project = secret.Key.Project, Domain = secret.Key.Domain, Name = secret.Key.Name },
        SecretMetadata = new SecretMetadata
        {
            CreatedTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(secret.CreatedAt),
            Type = (SecretType)secret.Type,
            // One cluster: the devbox itself, which holds every secret it stored.
            SecretStatus = new SecretStatus { OverallStatus = OverallStatus.FullyPresent },
        },
    };

    private static RpcException NotFound(SecretKey key) =>
        new(new Status(StatusCode.NotFound, $"secret {key.Name} does not exist in {key.ScopeText}"));
}
