using Flyteidl2.Project;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// ProjectService, as much as a devbox needs: one project, <c>flytesnacks</c>, with Flyte's three usual domains, which
/// clients list and look up. Creating and updating projects is not offered (the base class answers UNIMPLEMENTED).
/// </summary>
public sealed class ProjectServiceImpl : ProjectService.ProjectServiceBase
{
    public const string DefaultProject = "flytesnacks";

    private static readonly string[] Domains = ["development", "staging", "production"];

    public static Project Default
    {
        get
        {
            var project = new Project { Id = DefaultProject, Name = DefaultProject, Description = "The devbox's project", State = ProjectState.Active };
            project.Domains.Add(Domains.Select(d => new Domain { Id = d, Name = d }));
            return project;
        }
    }

    public override Task<GetProjectResponse> GetProject(GetProjectRequest request, ServerCallContext context) =>
        request.Id == DefaultProject
            ? Task.FromResult(new GetProjectResponse { Project = Default })
            : throw new RpcException(new Status(StatusCode.NotFound, $"project '{request.Id}' does not exist; the devbox has one project, {DefaultProject}"));

    public override Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context)
    {
        var response = new ListProjectsResponse { Projects = new Projects() };
        response.Projects.Projects_.Add(Default);
        return Task.FromResult(response);
    }
}
