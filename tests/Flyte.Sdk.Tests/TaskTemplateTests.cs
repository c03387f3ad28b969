using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests;

/// <summary>Templates carry every option, set the way flyte-sdk sets them.</summary>
public class TaskTemplateTests
{
    private static readonly TaskTemplateSettings Settings = new()
    {
        Org = "org",
        Project = "flytesnacks",
        Domain = "development",
        Version = "abc123",
        DefaultImage = "registry.local/default:1",
        CodeBundleUri = "s3://bucket/fastabc123.tar.gz",
    };

    [Fact]
    public void Every_option_lands_in_the_template()
    {
        TaskTemplate t = Configured.FlyteTasks.Train.CreateTemplate(Settings);

        Assert.Equal(new Identifier { ResourceType = ResourceType.Task, Org = "org", Project = "flytesnacks", Domain = "development", Name = "configured.train", Version = "abc123" }, t.Id);
        Assert.Equal("python", t.Type);
        Assert.Equal(3u, t.Metadata.Retries.Retries);
        Assert.Equal(TimeSpan.FromHours(1), t.Metadata.Timeout.ToTimeSpan());
        Assert.True(t.Metadata.Discoverable);
        Assert.Equal("v2", t.Metadata.DiscoveryVersion);
        Assert.Equal(["seed"], t.Metadata.CacheIgnoreInputVars);
        Assert.True(t.Metadata.CacheSerializable);
        Assert.True(t.Metadata.Interruptible);
        Assert.Equal("csharp", t.Metadata.Runtime.Flavor);
        Assert.Equal(RuntimeMetadata.Types.RuntimeType.FlyteSdk, t.Metadata.Runtime.Type);
        Assert.Equal("s3://bucket/fastabc123.tar.gz", t.Metadata.CodeBundleUri);

        Assert.Equal("registry.local/gpu:2", t.Container.Image);
        Assert.Empty(t.Container.Command);
        Assert.Equal(
            [(Resources.Types.ResourceName.Cpu, "2"), (Resources.Types.ResourceName.Memory, "4Gi"), (Resources.Types.ResourceName.Gpu, "1"), (Resources.Types.ResourceName.EphemeralStorage, "10Gi")],
            t.Container.Resources.Requests.Select(r => (r.Name, r.Value)));
        Assert.Equal(
            [(Resources.Types.ResourceName.Cpu, "4"), (Resources.Types.ResourceName.Memory, "8Gi")],
            t.Container.Resources.Limits.Select(r => (r.Name, r.Value)));
        // The task's STAGE overrides the environment's; REGION is inherited.
        Assert.Equal([("REGION", "eu"), ("STAGE", "prod")], t.Container.Env.Select(e => (e.Key, e.Value)));
        // flyte-sdk's Secret(key, group) names its variable GROUP_KEY, or KEY without a group (src/flyte/_secret.py).
        Assert.Equal(
            [("db", "password", "DB_PASSWORD"), ("", "api-key", "API_KEY")],
            t.SecurityContext.Secrets.Select(s => (s.Group, s.Key, s.EnvVar)));
        Assert.All(t.SecurityContext.Secrets, s => Assert.Equal(Secret.Types.MountType.EnvVar, s.MountRequirement));
    }

    [Fact]
    public void Container_args_follow_the_a0_contract()
    {
        var args = Configured.FlyteTasks.Train.CreateTemplate(Settings).Container.Args;

        Assert.Equal(
        [
            "a0", "--inputs", "{{.input}}", "--outputs-path", "{{.outputPrefix}}", "--version", "abc123",
            "--raw-data-path", "{{.rawOutputDataPrefix}}", "--checkpoint-path", "{{.checkpointOutputPrefix}}",
            "--prev-checkpoint", "{{.prevCheckpointPrefix}}", "--run-name", "{{.runName}}", "--name", "{{.actionName}}",
            "--run-start-time", "{{.runStartTime}}", "--tgz", "s3://bucket/fastabc123.tar.gz", "--dest", ".",
            "--resolver", "flyte-dotnet", "assembly", "Flyte.Sdk.Tests", "task", "configured.train",
        ], args);
    }

    [Fact]
    public void Defaults_inherit_the_environment_and_keep_flyte_sdk_presence_rules()
    {
        TaskTemplate t = Configured.FlyteTasks.Defaults.CreateTemplate(Settings with { CodeBundleUri = null });

        Assert.Equal("registry.local/base:1", t.Container.Image);
        Assert.Equal([(Resources.Types.ResourceName.Cpu, "500m"), (Resources.Types.ResourceName.Memory, "1Gi")], t.Container.Resources.Requests.Select(r => (r.Name, r.Value)));
        Assert.Empty(t.Container.Resources.Limits);
        // flyte-sdk always writes retries, interruptible and generates_deck, even at their defaults.
        Assert.NotNull(t.Metadata.Retries);
        Assert.Equal(0u, t.Metadata.Retries.Retries);
        Assert.True(t.Metadata.HasInterruptible);
        Assert.False(t.Metadata.Interruptible);
        Assert.False(t.Metadata.GeneratesDeck);
        Assert.False(t.Metadata.Discoverable);
        Assert.Empty(t.Metadata.CacheIgnoreInputVars);
        Assert.Null(t.Metadata.Timeout);
        Assert.DoesNotContain("--tgz", t.Container.Args);
    }

    [Fact]
    public void Task_without_an_image_uses_the_default_and_the_resolver()
    {
        TaskTemplate t = Echo.FlyteTasks.Int32.CreateTemplate(Settings with { ResolveImage = image => image.Replace("registry.local", "localhost:5000") });

        Assert.Equal("localhost:5000/default:1", t.Container.Image);
        Assert.Null(t.Container.Resources);
        Assert.Null(t.SecurityContext);
    }

    [Fact]
    public void Spec_carries_short_name_environment_and_documentation()
    {
        var spec = Configured.FlyteTasks.Train.CreateSpec(Settings);

        Assert.Equal("train", spec.ShortName);
        Assert.Equal("configured", spec.Environment.Name);
        Assert.Equal("tasks with options", spec.Environment.Description);
        Assert.Equal("trains a model", spec.Documentation.ShortDescription);
        Assert.Equal("configured.train", spec.TaskTemplate.Id.Name);
    }

    [Fact]
    public void Optional_parameters_are_the_specs_default_inputs_as_flyte_sdk_writes_them()
    {
        var task = Configured.FlyteTasks.Scale;
        var spec = task.CreateSpec(Settings);

        // convert_upload_default_inputs: one NamedParameter per input with a default, in declaration order, with the
        // input's type and the default as a literal; inputs without one are not listed.
        Assert.Equal(["factor", "label", "rate", "color"], spec.DefaultInputs.Select(p => p.Name));
        var inputTypes = spec.TaskTemplate.Interface.Inputs.Variables.ToDictionary(v => v.Key, v => v.Value.Type);
        Assert.All(spec.DefaultInputs, p => Assert.Equal(inputTypes[p.Name], p.Parameter.Var.Type));
        Assert.Equal(2, spec.DefaultInputs[0].Parameter.Default.Scalar.Primitive.Integer);
        Assert.Equal(Scalar.ValueOneofCase.NoneType, spec.DefaultInputs[1].Parameter.Default.Scalar.Union.Value.Scalar.ValueCase);
        Assert.Equal(0.5, spec.DefaultInputs[2].Parameter.Default.Scalar.Primitive.FloatValue);
        Assert.Equal("Green", spec.DefaultInputs[3].Parameter.Default.Scalar.Primitive.StringValue);
        Assert.Empty(Configured.FlyteTasks.Defaults.CreateSpec(Settings).DefaultInputs);
    }
}
