using Flyte.Images;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests;

/// <summary>Every deployed task names a real image: task, environment, pushed image, configured default, SDK default, in that order.</summary>
public class TaskImagesTests
{
    private static readonly PushedImage Pushed = new("registry.local/pushed:sha-1");

    [Fact]
    public void The_tasks_own_image_wins_over_its_environments_and_every_fallback()
    {
        string fallback = TaskImages.Fallback(Pushed, "registry.local/configured:1");

        Assert.Equal("registry.local/gpu:2", TaskImages.For(Configured.FlyteTasks.Train.Declaration, fallback));
    }

    [Fact]
    public void A_task_naming_none_runs_in_its_environments_image()
    {
        string fallback = TaskImages.Fallback(Pushed, "registry.local/configured:1");

        Assert.Equal("registry.local/base:1", TaskImages.For(Configured.FlyteTasks.Defaults.Declaration, fallback));
    }

    [Fact]
    public void Without_task_or_environment_image_the_pushed_image_wins_over_the_configured_default()
    {
        Assert.Equal(Pushed.Reference, TaskImages.For(Echo.FlyteTasks.Int32.Declaration, TaskImages.Fallback(Pushed, "registry.local/configured:1")));
    }

    [Fact]
    public void Without_a_pushed_image_the_configured_default_is_used()
    {
        Assert.Equal("registry.local/configured:1", TaskImages.For(Echo.FlyteTasks.Int32.Declaration, TaskImages.Fallback(null, " registry.local/configured:1 ")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_anything_configured_the_sdk_base_image_for_its_dotnet_version_is_used(string? configured)
    {
        string image = TaskImages.For(Echo.FlyteTasks.Int32.Declaration, TaskImages.Fallback(null, configured));

        Assert.Equal($"ghcr.io/flyteorg/flyte-dotnet:{SdkInfo.DotnetVersion}", image);
        Assert.Equal(TaskImages.SdkDefault, image);
        Assert.Matches(@"^\d+\.0$", SdkInfo.DotnetVersion);
    }

    [Fact]
    public void The_template_carries_the_resolved_image()
    {
        var settings = new TaskTemplateSettings { Version = "v1", DefaultImage = TaskImages.Fallback(null, null) };

        Assert.Equal(TaskImages.SdkDefault, Echo.FlyteTasks.Int32.CreateTemplate(settings).Container.Image);
        Assert.Equal("registry.local/base:1", Configured.FlyteTasks.Defaults.CreateTemplate(settings).Container.Image);
    }

    [Fact]
    public void The_image_cache_maps_each_environment_to_the_image_of_its_tasks_that_name_none()
    {
        TaskDefinition[] tasks = [Configured.FlyteTasks.Train, Configured.FlyteTasks.Defaults, Echo.FlyteTasks.Int32];

        var images = TaskImages.ByEnvironment(tasks, Pushed.Reference);

        Assert.Equal(new Dictionary<string, string> { ["configured"] = Pushed.Reference, ["echo"] = Pushed.Reference }, images);
        Assert.Equal("registry.local/base:1", TaskImages.ByEnvironment([Configured.FlyteTasks.Defaults], Pushed.Reference)["configured"]);
    }
}
