namespace Flyte.Generators.Model;

/// <summary>The options of a task after its environment's defaults were applied. <see cref="CacheVersion"/> is null when not set.</summary>
internal sealed record TaskOptionsModel(
    string? Description,
    int Retries,
    long? TimeoutMilliseconds,
    bool Cache,
    string? CacheVersion,
    EquatableArray<string> CacheIgnoredInputs,
    bool CacheSerialize,
    bool Interruptible,
    bool Report,
    string? Image,
    EquatableArray<ResourceModel> Requests,
    EquatableArray<ResourceModel> Limits,
    EquatableArray<EnvVarModel> Env,
    EquatableArray<SecretModel> Secrets);

/// <summary>A resource quantity; <see cref="Name"/> is the ResourceName enum member (Cpu, Memory, Gpu, EphemeralStorage).</summary>
internal sealed record ResourceModel(string Name, string Quantity);

internal sealed record EnvVarModel(string Name, string Value);

internal sealed record SecretModel(string Group, string Key);
