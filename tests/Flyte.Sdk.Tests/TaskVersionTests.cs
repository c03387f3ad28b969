using Flyte.Hashing;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests;

/// <summary>
/// metadata.discovery_version is set on every task, cache on or off, as flyte-sdk's cache policy "auto" sets it: a hash
/// of the method's declaration unless CacheVersion says otherwise; child action names and cache keys follow it.
/// </summary>
public class TaskVersionTests
{
    private static readonly TaskTemplateSettings Settings = new() { Project = "p", Domain = "d", Version = "bundle-1", DefaultImage = "image:1" };

    [Fact]
    public void Without_CacheVersion_the_version_is_the_hash_of_the_declaration_even_with_cache_off()
    {
        // Configured.Defaults is declared "[Task] public static int Defaults(int x) => x;".
        // python3: hashlib.sha256(b"[ Task ] public static int Defaults ( int x ) => x ;").hexdigest()
        var metadata = Configured.FlyteTasks.Defaults.CreateTemplate(Settings).Metadata;

        Assert.False(metadata.Discoverable);
        Assert.Equal("65d048c887f6da9b1273b8ffb84cc1f9b62d1f0ac3523ee441ffba2b9e2c3fb3", metadata.DiscoveryVersion);
    }

    [Fact]
    public void A_cached_task_is_keyed_on_its_declarations_hash()
    {
        // python3: hashlib.sha256(b"[ Task ( Cache = true ) ] public static int Cached ( int x ) => x + 1 ;").hexdigest()
        var metadata = Configured.FlyteTasks.Cached.CreateTemplate(Settings).Metadata;

        Assert.True(metadata.Discoverable);
        Assert.Equal("2170fd7b2746ffe78c60964c93806e4f6cca7c07cd1c53dccfdf6b90e5b0bfe6", metadata.DiscoveryVersion);
    }

    [Fact]
    public void CacheVersion_overrides_the_hash()
    {
        Assert.Equal("v2", Configured.FlyteTasks.Train.CreateTemplate(Settings).Metadata.DiscoveryVersion);
    }

    [Fact]
    public void No_task_is_debuggable()
    {
        Assert.All(Flyte.Generated.FlyteTaskTable.Instance.Tasks, task => Assert.False(task.CreateTemplate(Settings).Metadata.Debuggable));
    }

    [Fact]
    public void Child_action_names_and_cache_keys_are_computed_from_the_templates_discovery_version()
    {
        var task = Configured.FlyteTasks.Cached;
        var template = task.CreateTemplate(Settings);

        var call = new ChildCalls("a0").Next(task, task.EncodeInputs(3));

        // flyte-sdk: generate_task_identity_hash(task_template), then the sub-action name and the cache key.
        Assert.Equal(ChildActionName.Compute("a0", call.InputsHash, TaskIdentity.Compute(template), 1), call.ActionName);
        Assert.Equal(CacheKey.Compute("configured.Cached", call.InputsHash, InterfaceHash.Compute(template.Interface), template.Metadata.DiscoveryVersion),
            ChildCalls.CacheKeyOf(task, call.InputsHash));
    }

    [Fact]
    public void An_edited_body_gives_new_child_action_names_and_cache_keys()
    {
        var task = Configured.FlyteTasks.Cached;
        var template = task.CreateTemplate(Settings);
        var edited = template.Clone();
        // What the generator writes for "=> x + 2;" instead of "=> x + 1;" (python3, as above).
        edited.Metadata.DiscoveryVersion = "87012857fcf35232109e6adb7f05dfd901b515594c14691bcbf8a5b2d78aa224";
        string inputsHash = ChildCalls.InputsHashOf(task, task.EncodeInputs(3));

        Assert.NotEqual(
            ChildActionName.Compute("a0", inputsHash, TaskIdentity.Compute(template), 1),
            ChildActionName.Compute("a0", inputsHash, TaskIdentity.Compute(edited), 1));
        Assert.NotEqual(
            CacheKey.Compute(task.Name, inputsHash, task.InterfaceHash, template.Metadata.DiscoveryVersion),
            CacheKey.Compute(task.Name, inputsHash, task.InterfaceHash, edited.Metadata.DiscoveryVersion));
    }
}
