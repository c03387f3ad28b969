namespace Flyte.Tests.Shared;

/// <summary>The machine as <see cref="ContainerServicesReadiness"/> sees it: what answers, and whether start.sh can run here.</summary>
internal interface IContainerServicesHost
{
    Task<ContainerServicesState> ProbeAsync();

    /// <summary>Why <c>tools/containers/start.sh</c> cannot run here (it needs root, and apt-get to install what is missing), or null.</summary>
    string? WhyStartCannotRun();

    /// <summary>Runs <c>bash tools/containers/start.sh</c> and returns its exit code and output.</summary>
    Task<ChildProcess.Result> StartAsync();
}
