using Flyteidl2.Project;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>What the devbox's one port speaks: gRPC, gRPC-Web over HTTP/1.1, and UNIMPLEMENTED for what it does not do.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Services_answer_grpc_web_over_http_1_1()
    {
        using var channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

        var projects = await new ProjectService.ProjectServiceClient(channel).ListProjectsAsync(new ListProjectsRequest());

        var project = Assert.Single(projects.Projects.Projects_);
        Assert.Equal("flytesnacks", project.Id);
        Assert.Equal(["development", "staging", "production"], project.Domains.Select(d => d.Id));
    }

    [Fact]
    public async Task What_the_devbox_does_not_implement_answers_UNIMPLEMENTED()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new ProjectService.ProjectServiceClient(GrpcChannel.ForAddress(_harness.Devbox.Endpoint)).CreateProjectAsync(new CreateProjectRequest { Project = new Project { Id = "other" } }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Listing_tasks_and_versions_shows_what_was_deployed()
    {
        var deployed = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square", "quickstart.MeanOfSquares");
        var project = new Flyteidl2.Common.ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

        var tasks = await _harness.Tasks.ListTasksAsync(new ListTasksRequest { ProjectId = project });
        var versions = await _harness.Tasks.ListVersionsAsync(new ListVersionsRequest
        {
            TaskName = new TaskName { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "quickstart.Square" },
        });

        Assert.Equal(["quickstart.MeanOfSquares", "quickstart.Square"], tasks.Tasks.Select(t => t.TaskId.Name).Order());
        Assert.Equal(deployed["quickstart.Square"].Version, Assert.Single(versions.Versions).Version);
    }
}
