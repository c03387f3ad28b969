namespace Flyte.Packages.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="PackageFeed"/> (packing takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "package feed";
}
