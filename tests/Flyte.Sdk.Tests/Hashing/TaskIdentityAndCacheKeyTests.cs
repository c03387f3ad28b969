using Flyte.Hashing;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests.Hashing;

public class TaskIdentityAndCacheKeyTests
{
    [Fact]
    public void Task_identity_hashes_name_interface_and_discovery_version()
    {
        var template = new TaskTemplate
        {
            Id = new Identifier { Name = "env.task", Version = "bundle-1", Project = "p" },
            Interface = InterfaceHashTests.Sample(),
            Metadata = new TaskMetadata { DiscoveryVersion = "v1" },
            Container = new Container { Image = "image:1" },
        };

        Assert.Equal(Reference.SampleTaskIdentity, TaskIdentity.Compute(template));

        // Where it runs is not part of what it is.
        template.Id.Version = "bundle-2";
        template.Container.Image = "image:2";
        Assert.Equal(Reference.SampleTaskIdentity, TaskIdentity.Compute(template));

        template.Metadata.DiscoveryVersion = "v2";
        Assert.NotEqual(Reference.SampleTaskIdentity, TaskIdentity.Compute(template));
    }

    [Fact]
    public void Task_identity_without_interface_or_metadata_hashes_the_empty_interface()
    {
        // Reference: hash_data("env.task-" + hash_data(b"") + "-"): Python reads an unset interface as an empty message.
        Assert.Equal("t5LpOnLJ4L3/enIh4OYVU4hEXw53P3aJK/HcY6vlPGg=", TaskIdentity.Compute(new TaskTemplate { Id = new Identifier { Name = "env.task" } }));
    }

    [Fact]
    public void Cache_key_concatenates_inputs_name_interface_and_version()
    {
        // Reference: hash_data(inputs hash + "env.task" + interface hash + "v1").
        Assert.Equal("yWqVa5d5lx/IheGpum5tu/gqloybhR4chFuNUmzt764=",
            CacheKey.Compute("env.task", Reference.InputsXY, Reference.SampleInterface, "v1"));
        Assert.Equal(FlyteHash.Of("inenv.taskifv"), CacheKey.Compute("env.task", "in", "if", "v"));
    }
}
