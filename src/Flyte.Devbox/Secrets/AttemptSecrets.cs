using System.Text;
using Flyte.Devbox.State;
using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Devbox.Secrets;

/// <summary>
/// The secrets a task declares (its template's <c>security_context.secrets</c>), looked up for one attempt as Flyte's
/// embedded secret manager does (flyteplugins/go/tasks/pluginmachinery/secret/embedded_secret_manager.go): by the
/// secret's key, in the run's project and domain, then its domain, then the org; given to the attempt as the
/// environment variable the declaration names (docs/secrets.md).
/// </summary>
public static class AttemptSecrets
{
    /// <summary>The variables to set, or the one-line reason the attempt cannot start (a missing secret, named).</summary>
    public sealed record Resolution(IReadOnlyDictionary<string, string> Variables, string? Problem);

    public static Resolution Resolve(TaskSpec spec, RunKey run, DevboxDatabase database, SecretCipher cipher)
    {
        var declared = spec.TaskTemplate?.SecurityContext?.Secrets;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (declared is null || declared.Count == 0)
        {
            return new Resolution(variables, null);
        }
        string task = spec.TaskTemplate!.Id?.Name is { Length: > 0 } name ? name : "the task";
        foreach (var secret in declared)
        {
            if (secret.MountRequirement == Secret.Types.MountType.File)
            {
                return new Resolution(variables, $"{task} asks for secret {secret.Key} as a file; the devbox gives secrets as environment variables only");
            }
            byte[]? value = null;
            foreach (var scope in new[] { new SecretKey(run.Org, run.Project, run.Domain, secret.Key), new SecretKey(run.Org, "", run.Domain, secret.Key), new SecretKey(run.Org, "", "", secret.Key) })
            {
                try
                {
                    value = SecretServiceImpl.Reveal(database, cipher, scope);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    return new Resolution(variables,
                        $"secret {secret.Key} in {scope.ScopeText} cannot be read: it was sealed under another secrets key (the data folder's secrets.key was replaced); delete it and create it again");
                }
                if (value is not null)
                {
                    break;
                }
            }
            if (value is null)
            {
                return new Resolution(variables,
                    $"secret {secret.Key}, which {task} declares, does not exist in {run.Project}/{run.Domain}, in domain {run.Domain} or in the org; create it with 'flyte create secret {secret.Key} --from-file <file> --project {run.Project} --domain {run.Domain}'");
            }
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(value);
            }
            catch (DecoderFallbackException)
            {
                return new Resolution(variables, $"secret {secret.Key}, which {task} declares, is not UTF-8 text, so it cannot be an environment variable");
            }
            string variable = secret.EnvVar.Length > 0 ? secret.EnvVar : secret.Key.Replace('-', '_').ToUpperInvariant();
            if (!variables.TryAdd(variable, text))
            {
                return new Resolution(variables, $"{task} declares two secrets that are both the variable {variable}; rename one");
            }
        }
        return new Resolution(variables, null);
    }
}
