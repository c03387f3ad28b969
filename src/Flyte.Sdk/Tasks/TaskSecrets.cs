using System.Text.Json;
using Flyte.Generation;

namespace Flyte.Tasks;

/// <summary>
/// Where a task's declared secrets come from (docs/secrets.md): the environment variable each declaration names
/// (<c>GROUP_KEY</c>), as a cluster and the devbox set them, and in local runs also a JSON file of
/// <c>"key"</c> or <c>"group/key"</c> to value.
/// </summary>
internal sealed class TaskSecrets(Func<string, string?> environment, string? localFile)
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _file = new(() => Load(localFile));

    /// <summary>The process's environment only, as in a task's container.</summary>
    public static TaskSecrets FromEnvironment { get; } = new(Environment.GetEnvironmentVariable, null);

    /// <summary>The value of the secret declared as <paramref name="name"/> ("key" or "group/key"); null when unset.</summary>
    public string? Find(string name)
    {
        var reference = Parse(name);
        return environment(reference.EnvironmentVariable) is { } value ? value
            : _file.Value.TryGetValue(name, out var fromFile) ? fromFile
            : null;
    }

    /// <summary>A task's <see cref="ITaskContext.GetSecret"/>: the value of <paramref name="name"/>, which the task must
    /// declare among <paramref name="declared"/> (null: any name, for a context made by hand).</summary>
    /// <exception cref="KeyNotFoundException">The secret is not declared or not set.</exception>
    public string Get(string name, IReadOnlyCollection<string>? declared)
    {
        if (declared is not null && !declared.Contains(name))
        {
            // Only declared secrets are given to a task on a cluster: reading another one would work here and fail there.
            throw new KeyNotFoundException(Missing(name, taskName: null));
        }
        return Find(name) ?? throw new KeyNotFoundException(Missing(name, taskName: null));
    }

    /// <summary>The one-line error for a secret that is not there, and how to provide it.</summary>
    /// <param name="taskName">The task that declares it; null when not known to (a task asking for one it may not declare).</param>
    public string Missing(string name, string? taskName)
    {
        var reference = Parse(name);
        string local = localFile is null ? "" : $" (locally: set {reference.EnvironmentVariable} or add \"{name}\" to {localFile})";
        return taskName is null
            ? $"secret {name} is not declared by the task or not set: declare it (Secrets = [\"{name}\"]) and create it with 'flyte create secret {reference.Key}'{local}"
            : $"secret {name}, which {taskName} declares, is not set: create it with 'flyte create secret {reference.Key}'{local}";
    }

    /// <summary>Every declared secret there, or the error naming the first that is not: before the task's code runs.</summary>
    public string? CheckDeclared(TaskDefinition task)
    {
        if (task.DeclaredSecretNames.Count == 0)
        {
            return null;
        }
        foreach (string name in DeclaredNames(task))
        {
            if (Find(name) is null)
            {
                return Missing(name, task.Name);
            }
        }
        return null;
    }

    /// <summary>The names a task declares its secrets by: "key" or "group/key".</summary>
    public static IReadOnlyCollection<string> DeclaredNames(TaskDefinition task) => task.DeclaredSecretNames;

    internal static IReadOnlyCollection<string> NamesOf(TaskDeclaration declaration) =>
        declaration.Secrets.Select(s => s.Group.Length > 0 ? $"{s.Group}/{s.Key}" : s.Key).ToHashSet(StringComparer.Ordinal);

    private static SecretReference Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new SecretReference("", name) : new SecretReference(name[..slash], name[(slash + 1)..]);
    }

    private static IReadOnlyDictionary<string, string> Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new Dictionary<string, string>();
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SecretsFileJson.Default.DictionaryStringString)
                ?? new Dictionary<string, string>();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a secrets file: write a JSON object of \"key\" or \"group/key\" to a string value ({e.Message})", e);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SecretsFileJson : System.Text.Json.Serialization.JsonSerializerContext;
