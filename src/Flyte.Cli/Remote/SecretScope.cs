using Flyteidl2.Secret;

namespace Flyte.Cli.Remote;

/// <summary>
/// Where a secret command acts: the org, unless <c>--project</c> and <c>--domain</c> (or <c>--domain</c> alone) are given
/// on the command line, as flyte-sdk's secret commands scope. The config file's project and domain do not narrow it.
/// </summary>
internal static class SecretScope
{
    public static SecretIdentifier Of(ControlPlaneSettings given, string name, string org) => new()
    {
        Organization = org,
        Project = given.Project ?? "",
        Domain = given.Domain ?? "",
        Name = name,
    };

    public static string Describe(SecretIdentifier id) =>
        id.Project.Length > 0 ? $"{id.Project}/{id.Domain}" : id.Domain.Length > 0 ? id.Domain : "org";
}
