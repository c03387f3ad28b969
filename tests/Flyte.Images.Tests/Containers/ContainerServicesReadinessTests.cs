namespace Flyte.Images.Tests.Containers;

/// <summary>
/// When the container tests start their services themselves, and what they say when they cannot. The machine is a fake
/// here: the real engine and registry are shared by every test run on this machine and are not stopped for a test.
/// </summary>
public class ContainerServicesReadinessTests
{
    private static readonly ContainerServicesState AllUp = new(Engine: true, Registry: true, BaseImage: true);
    private static readonly ContainerServicesState NothingUp = new(Engine: false, Registry: false, BaseImage: false);

    [Fact]
    public async Task Services_that_answer_are_used_as_they_are()
    {
        var host = new FakeHost([AllUp]);

        Assert.Null(await ContainerServicesReadiness.EnsureAsync(host));
        Assert.Equal(0, host.Starts);
    }

    [Fact]
    public async Task Missing_services_are_started_once_and_probed_again()
    {
        var host = new FakeHost([NothingUp, AllUp]);

        Assert.Null(await ContainerServicesReadiness.EnsureAsync(host));
        Assert.Equal(1, host.Starts);
        Assert.Equal(2, host.Probes);
    }

    [Fact]
    public async Task Only_a_missing_base_image_is_reason_enough_to_start()
    {
        var host = new FakeHost([AllUp with { BaseImage = false }, AllUp]);

        Assert.Null(await ContainerServicesReadiness.EnsureAsync(host));
        Assert.Equal(1, host.Starts);
    }

    [Fact]
    public async Task Where_start_sh_cannot_run_the_line_says_what_is_missing_why_and_what_to_run()
    {
        var host = new FakeHost([AllUp with { Registry = false }]) { WhyNot = "it needs root, and the tests run as alice" };

        string? failure = await ContainerServicesReadiness.EnsureAsync(host);

        Assert.Equal(0, host.Starts);
        Assert.Equal(
            "the container tests need the registry on 127.0.0.1:5000, and cannot start them here (it needs root, and the tests run as alice): " +
            "run `sudo bash tools/containers/start.sh` (what .ci/run does), then the tests again",
            failure);
    }

    [Fact]
    public async Task A_failed_start_names_its_exit_code_and_the_end_of_its_output()
    {
        string output = string.Join('\n', Enumerable.Range(1, 8).Select(i => $"line {i}")) + "\ncontainers: debootstrap failed; see /var/lib/flyte-containers/debootstrap.log\n";
        var host = new FakeHost([NothingUp]) { StartResult = new ChildProcess.Result(1, output) };

        string? failure = await ContainerServicesReadiness.EnsureAsync(host);

        Assert.Equal(1, host.Starts);
        Assert.Equal(
            "the container tests need the Docker engine (/var/run/docker.sock), the registry on 127.0.0.1:5000, the base image 127.0.0.1:5000/flyte-dotnet:10.0; " +
            "`bash tools/containers/start.sh` failed with exit code 1: line 5 | line 6 | line 7 | line 8 | containers: debootstrap failed; see /var/lib/flyte-containers/debootstrap.log",
            failure);
    }

    [Fact]
    public async Task A_start_that_succeeds_without_the_services_is_a_failure_naming_what_is_still_missing()
    {
        var host = new FakeHost([NothingUp, AllUp with { Engine = false }]) { StartResult = new ChildProcess.Result(0, "  containers: ready\n") };

        string? failure = await ContainerServicesReadiness.EnsureAsync(host);

        Assert.Equal(
            "the container tests need the Docker engine (/var/run/docker.sock), still missing after `bash tools/containers/start.sh` succeeded: containers: ready",
            failure);
    }

    /// <summary>Answers the probes in order (the last one from then on) and counts the starts.</summary>
    private sealed class FakeHost(IReadOnlyList<ContainerServicesState> probes) : IContainerServicesHost
    {
        public int Probes { get; private set; }

        public int Starts { get; private set; }

        public string? WhyNot { get; init; }

        public ChildProcess.Result StartResult { get; init; } = new(0, "");

        public Task<ContainerServicesState> ProbeAsync() => Task.FromResult(probes[Math.Min(Probes++, probes.Count - 1)]);

        public string? WhyStartCannotRun() => WhyNot;

        public Task<ChildProcess.Result> StartAsync()
        {
            Starts++;
            return Task.FromResult(StartResult);
        }
    }
}
