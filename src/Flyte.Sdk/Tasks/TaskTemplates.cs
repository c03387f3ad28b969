using Flyte.Generation;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Tasks;

/// <summary>Builds the TaskTemplate and TaskSpec of a task, setting each field as flyte-sdk does.</summary>
internal static class TaskTemplates
{
    /// <summary>
    /// Flyte 2's pod plugin runs "python" and "container" tasks alike (args only, no command);
    /// we use flyte-sdk's type so tools that key on it treat C# tasks the same.
    /// </summary>
    public const string TaskType = "python";

    public static TaskTemplate Create(TaskDefinition task, TaskTemplateSettings settings)
    {
        var declaration = task.Declaration;
        var policy = declaration.Policy;
        var metadata = new TaskMetadata
        {
            Discoverable = policy.Cache,
            DiscoveryVersion = policy.CacheVersion,
            CacheSerializable = policy.CacheSerialize,
            Runtime = new RuntimeMetadata
            {
                Type = RuntimeMetadata.Types.RuntimeType.FlyteSdk,
                Version = settings.SdkVersion,
                Flavor = SdkInfo.Flavor,
            },
            // flyte-sdk always writes these three, even at their defaults; so do we, for identical bytes and hashes.
            Retries = new RetryStrategy { Retries = (uint)policy.Retries },
            Interruptible = policy.Interruptible,
            GeneratesDeck = policy.Report,
            // flyte-sdk's debuggable tasks start a Python debugger in the pod; a C# task has none to start.
            Debuggable = false,
        };
        if (policy.Cache)
        {
            metadata.CacheIgnoreInputVars.Add(policy.CacheIgnoredInputs);
        }
        if (policy.Timeout is { } timeout)
        {
            metadata.Timeout = Duration.FromTimeSpan(timeout);
        }
        if (settings.CodeBundleUri is { Length: > 0 } bundle)
        {
            metadata.CodeBundleUri = bundle;
        }

        var container = new Container
        {
            Image = ResolveImage(declaration, settings),
            Args = { ContainerArguments.For(declaration, settings) },
        };
        foreach (var (name, value) in declaration.EnvironmentVariables)
        {
            container.Env.Add(new Flyteidl2.Core.KeyValuePair { Key = name, Value = value });
        }
        if (declaration.Requests.Count > 0 || declaration.Limits.Count > 0)
        {
            container.Resources = new Resources();
            container.Resources.Requests.Add(declaration.Requests.Select(ToEntry));
            container.Resources.Limits.Add(declaration.Limits.Select(ToEntry));
        }

        var template = new TaskTemplate
        {
            Id = new Identifier
            {
                ResourceType = ResourceType.Task,
                Org = settings.Org,
                Project = settings.Project,
                Domain = settings.Domain,
                Name = declaration.Name,
                Version = settings.Version,
            },
            Type = TaskType,
            TaskTypeVersion = 0,
            Metadata = metadata,
            // A copy: the definition builds its interface once and keeps it, and a spec is the caller's to change.
            Interface = task.Interface.Clone(),
            Container = container,
        };
        if (declaration.Secrets.Count > 0)
        {
            template.SecurityContext = new SecurityContext();
            template.SecurityContext.Secrets.Add(declaration.Secrets.Select(s => new Secret
            {
                Group = s.Group,
                Key = s.Key,
                MountRequirement = Secret.Types.MountType.EnvVar,
                EnvVar = s.EnvironmentVariable,
            }));
        }
        if (declaration.Reuse is { } reuse)
        {
            // Last: the actor's version hashes the finished container and security context. With a bundle, the task
            // version is the bundle's MD5, which is what flyte-sdk's code_bundle.computed_version is for its bundles.
            ActorTemplates.Apply(template, declaration.EnvironmentName, reuse, settings.CodeBundleUri is { Length: > 0 } ? settings.Version : null);
        }
        return template;
    }

    public static Flyteidl2.Task.TaskSpec CreateSpec(TaskDefinition task, TaskTemplateSettings settings)
    {
        var spec = new Flyteidl2.Task.TaskSpec
        {
            TaskTemplate = Create(task, settings),
            ShortName = Truncate(task.Declaration.ShortName, 63),
            Environment = new Flyteidl2.Task.Environment
            {
                Name = Truncate(task.Declaration.EnvironmentName, 63),
                Description = Truncate(task.Declaration.EnvironmentDescription ?? "", 255),
            },
        };
        var defaults = task.DefaultInputs;
        if (defaults.Literals.Count > 0)
        {
            var types = task.Interface.Inputs.Variables.ToDictionary(v => v.Key, v => v.Value.Type, StringComparer.Ordinal);
            foreach (string name in task.InputNames.Where(defaults.Literals.ContainsKey))
            {
                spec.DefaultInputs.Add(new Flyteidl2.Task.NamedParameter
                {
                    Name = name,
                    Parameter = new Parameter { Var = new Variable { Type = types[name] }, Default = defaults.Literals[name] },
                });
            }
        }
        if (task.Declaration.Description is { Length: > 0 } description)
        {
            // Limits as the schema's validation rules set them.
            spec.Documentation = new Flyteidl2.Task.DocumentationEntity
            {
                ShortDescription = Truncate(description, 255),
                LongDescription = description.Length > 255 ? Truncate(description, 2048) : "",
            };
        }
        return spec;
    }

    private static string ResolveImage(TaskDeclaration declaration, TaskTemplateSettings settings)
    {
        string image = Images.TaskImages.For(declaration, settings.DefaultImage);
        return settings.ResolveImage is { } resolve ? resolve(image) : image;
    }

    private static Resources.Types.ResourceEntry ToEntry(ResourceQuantity quantity) =>
        new() { Name = quantity.Resource, Value = quantity.Quantity };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
