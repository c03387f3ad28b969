using Flyte.Storage;
using k8s.Models;

namespace Flyte.Images.Tests.Kubernetes;

/// <summary>The Kaniko build pod as it goes to the cluster, checked field by field (no cluster runs here).</summary>
public sealed class KanikoPodTests
{
    private const string Reference = "registry.example.com/team/app:sha-0123456789abcdef0123456789abcdef";
    private const string S3Context = "s3://builds/flyte-image-contexts/sha-0123456789abcdef0123456789abcdef-a1b2c3d4e5f6.tar.gz";

    private static KubernetesImageBuilderOptions Options => new() { ContextPrefix = "s3://builds/flyte-image-contexts" };

    private static V1Container Kaniko(V1Pod pod) => Assert.Single(pod.Spec.Containers);

    [Fact]
    public void The_container_runs_the_pinned_Kaniko_on_the_uploaded_context_and_pushes_the_reference()
    {
        var pod = KanikoPod.Create(Options, Reference, S3Context);

        var kaniko = Kaniko(pod);
        Assert.Equal("kaniko", kaniko.Name);
        Assert.Equal("gcr.io/kaniko-project/executor:v1.24.0", kaniko.Image);
        Assert.Null(kaniko.Command); // the image's entrypoint is the executor
        Assert.Equal(
            [$"--context={S3Context}", "--dockerfile=Dockerfile", $"--destination={Reference}", "--digest-file=/dev/termination-log"],
            kaniko.Args);
        Assert.Equal("FallbackToLogsOnError", kaniko.TerminationMessagePolicy);
    }

    [Fact]
    public void The_pod_never_restarts_runs_in_the_namespace_as_the_service_account_and_has_a_deadline()
    {
        var pod = KanikoPod.Create(Options with { Namespace = "flyte-builds", ServiceAccount = "image-builder", Timeout = TimeSpan.FromMinutes(20) }, Reference, S3Context);

        Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal("flyte-builds", pod.Metadata.NamespaceProperty);
        Assert.Equal("image-builder", pod.Spec.ServiceAccountName);
        Assert.Equal(1200, pod.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Without_a_service_account_the_namespaces_default_is_used_and_the_defaults_hold()
    {
        var pod = KanikoPod.Create(Options, Reference, S3Context);

        Assert.Null(pod.Spec.ServiceAccountName);
        Assert.Equal("default", pod.Metadata.NamespaceProperty);
        Assert.Equal(1800, pod.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Labels_identify_the_build_by_its_tag_and_annotations_hold_the_reference_and_context()
    {
        var pod = KanikoPod.Create(Options, Reference, S3Context);

        Assert.Equal("flyte-image-sha-0123456789abcdef0123456789abcdef-", pod.Metadata.GenerateName);
        Assert.Null(pod.Metadata.Name);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app.kubernetes.io/name"] = "flyte-image-build",
                ["app.kubernetes.io/managed-by"] = "flyte",
                ["flyte.org/image-tag"] = "sha-0123456789abcdef0123456789abcdef",
            },
            pod.Metadata.Labels);
        Assert.Equal(Reference, pod.Metadata.Annotations["flyte.org/image"]);
        Assert.Equal(S3Context, pod.Metadata.Annotations["flyte.org/image-context"]);
    }

    [Fact]
    public void A_tag_that_is_no_valid_name_or_label_is_made_one()
    {
        string tag = "V1.2_RC+" + new string('x', 80);

        var pod = KanikoPod.Create(Options, $"registry.example.com/app:{tag}", S3Context);

        Assert.Matches("^flyte-image-[a-z0-9]([a-z0-9-]*[a-z0-9])?-$", pod.Metadata.GenerateName);
        Assert.True(pod.Metadata.GenerateName.Length <= 12 + 40 + 1);
        string label = pod.Metadata.Labels["flyte.org/image-tag"];
        Assert.Matches("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$", label);
        Assert.True(label.Length <= 63);
        Assert.StartsWith("V1.2_RC-xxx", label);
    }

    [Fact]
    public void Requests_and_limits_come_from_the_options()
    {
        var defaults = Kaniko(KanikoPod.Create(Options, Reference, S3Context)).Resources;
        Assert.Equal(new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("2Gi") }, defaults.Requests);
        Assert.Equal(new Dictionary<string, ResourceQuantity> { ["memory"] = new("4Gi") }, defaults.Limits);

        var custom = Kaniko(KanikoPod.Create(Options with
        {
            ResourceRequests = new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "1Gi", ["ephemeral-storage"] = "10Gi" },
            ResourceLimits = new Dictionary<string, string>(),
        }, Reference, S3Context)).Resources;
        Assert.Equal(new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("1Gi"), ["ephemeral-storage"] = new("10Gi") }, custom.Requests);
        Assert.Null(custom.Limits);
    }

    [Fact]
    public void On_AWS_S3_Kaniko_gets_only_the_region()
    {
        var kaniko = Kaniko(KanikoPod.Create(Options with { S3Region = "eu-west-3" }, Reference, S3Context));

        Assert.Equal([("AWS_REGION", "eu-west-3")], kaniko.Env.Select(variable => (variable.Name, variable.Value)));
    }

    [Fact]
    public void The_region_defaults_to_the_upload_stores_then_us_east_1()
    {
        var fromStorage = Kaniko(KanikoPod.Create(Options with { Storage = new S3StoreOptions { Region = "ap-south-1" } }, Reference, S3Context));
        var fallback = Kaniko(KanikoPod.Create(Options, Reference, S3Context));

        Assert.Equal("ap-south-1", Assert.Single(fromStorage.Env).Value);
        Assert.Equal("us-east-1", Assert.Single(fallback.Env).Value);
    }

    [Fact]
    public void On_another_S3_Kaniko_gets_its_endpoint_and_path_style()
    {
        var fromStorage = Kaniko(KanikoPod.Create(Options with { Storage = new S3StoreOptions { Endpoint = "http://minio.storage:9000", Region = "local" } }, Reference, S3Context));
        var own = Kaniko(KanikoPod.Create(Options with
        {
            Storage = new S3StoreOptions { Endpoint = "http://127.0.0.1:9000" },
            S3Endpoint = "https://s3.internal",
            S3ForcePathStyle = false,
        }, Reference, S3Context));

        Assert.Equal(
            [("AWS_REGION", "local"), ("S3_ENDPOINT", "http://minio.storage:9000"), ("S3_FORCE_PATH_STYLE", "true")],
            fromStorage.Env.Select(variable => (variable.Name, variable.Value)));
        Assert.Equal(
            [("AWS_REGION", "us-east-1"), ("S3_ENDPOINT", "https://s3.internal"), ("S3_FORCE_PATH_STYLE", "false")],
            own.Env.Select(variable => (variable.Name, variable.Value)));
    }

    [Fact]
    public void A_GCS_context_needs_no_S3_settings()
    {
        const string gcs = "gs://builds/contexts/x.tar.gz";

        var kaniko = Kaniko(KanikoPod.Create(Options with { Storage = new S3StoreOptions { Endpoint = "http://ignored" } }, Reference, gcs));

        Assert.Empty(kaniko.Env);
        Assert.Contains($"--context={gcs}", kaniko.Args);
    }

    [Fact]
    public void The_docker_config_secret_is_mounted_as_kanikos_config_json_read_only()
    {
        var pod = KanikoPod.Create(Options with { DockerConfigSecret = "registry-credentials" }, Reference, S3Context);

        var volume = Assert.Single(pod.Spec.Volumes);
        Assert.Equal("registry-credentials", volume.Secret.SecretName);
        var item = Assert.Single(volume.Secret.Items);
        Assert.Equal((".dockerconfigjson", "config.json"), (item.Key, item.Path));
        var mount = Assert.Single(Kaniko(pod).VolumeMounts);
        Assert.Equal((volume.Name, "/kaniko/.docker", true), (mount.Name, mount.MountPath, mount.ReadOnlyProperty));
    }

    [Fact]
    public void Without_secrets_there_are_no_volumes_and_no_secret_environment()
    {
        var pod = KanikoPod.Create(Options, Reference, S3Context);

        Assert.Empty(pod.Spec.Volumes);
        Assert.Empty(Kaniko(pod).VolumeMounts);
        Assert.Null(Kaniko(pod).EnvFrom);
    }

    [Fact]
    public void The_environment_secret_becomes_the_containers_environment()
    {
        var kaniko = Kaniko(KanikoPod.Create(Options with { EnvironmentSecret = "s3-credentials" }, Reference, S3Context));

        Assert.Equal("s3-credentials", Assert.Single(kaniko.EnvFrom).SecretRef.Name);
    }

    [Fact]
    public void Cache_insecure_registries_and_another_Kaniko_image_are_options()
    {
        var kaniko = Kaniko(KanikoPod.Create(Options with
        {
            Cache = true,
            InsecureRegistries = ["registry.builds.svc:5000", "10.0.0.5:5000"],
            KanikoImage = "mirror.example.com/kaniko/executor:v1.24.0",
        }, Reference, S3Context));

        Assert.Equal("mirror.example.com/kaniko/executor:v1.24.0", kaniko.Image);
        Assert.Equal(
            ["--cache=true", "--insecure-registry=registry.builds.svc:5000", "--insecure-registry=10.0.0.5:5000"],
            kaniko.Args.Skip(4));
    }

    [Theory]
    [InlineData("file:///tmp/context.tar.gz")]
    [InlineData("/tmp/context.tar.gz")]
    [InlineData("https://example.com/context.tar.gz")]
    public void A_context_Kaniko_cannot_download_is_refused(string context)
    {
        var error = Assert.Throws<ArgumentException>(() => KanikoPod.Create(Options, Reference, context));

        Assert.Contains("s3:// or gs://", error.Message);
    }

    [Fact]
    public void The_pod_serializes_as_the_API_server_reads_it()
    {
        var pod = KanikoPod.Create(Options with { DockerConfigSecret = "creds", EnvironmentSecret = "env" }, Reference, S3Context);

        string json = k8s.KubernetesJson.Serialize(pod);

        Assert.Contains("\"restartPolicy\":\"Never\"", json);
        Assert.Contains("\"generateName\":\"flyte-image-sha-0123456789abcdef0123456789abcdef-\"", json);
        Assert.Contains("\"namespace\":\"default\"", json);
        Assert.Contains("\"readOnly\":true", json);
        Assert.Contains("\"memory\":\"4Gi\"", json);
        Assert.DoesNotContain("\"serviceAccountName\"", json);
    }
}
