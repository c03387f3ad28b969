namespace Flyte.Runtime.CommandLine;

/// <summary>Environment variables the executor sets for <c>a0</c> (names as flyte-sdk reads them).</summary>
internal static class A0EnvironmentVariables
{
    public const string RunBase = "_U_RUN_BASE";
    public const string ActionName = "ACTION_NAME";
    public const string RunName = "RUN_NAME";
    public const string Project = "FLYTE_INTERNAL_EXECUTION_PROJECT";
    public const string Domain = "FLYTE_INTERNAL_EXECUTION_DOMAIN";
    public const string Org = "_U_ORG_NAME";
    public const string EndpointOverride = "_U_EP_OVERRIDE";
    public const string Insecure = "_U_INSECURE";
    public const string UseActions = "_U_USE_ACTIONS";
    public const string InsecureSkipVerify = "_U_INSECURE_SKIP_VERIFY";
    public const string UnionEagerApiKey = "_UNION_EAGER_API_KEY";
    public const string EagerApiKey = "EAGER_API_KEY";
    public const string UctlConfig = "UCTL_CONFIG";
    public const string FlytectlConfig = "FLYTECTL_CONFIG";
}
