namespace Flyte.Remote;

/// <summary>
/// Addresses of Flyte 2's web console, as flyte-sdk builds them (<c>get_run_url</c>): the control plane's own scheme,
/// host and port, then <c>/v2/runs/project/P/domain/D[/RUN]</c>. The devbox serves its console there too.
/// </summary>
public static class RunLinks
{
    /// <summary>The page of the runs of <paramref name="project"/> in <paramref name="domain"/>.</summary>
    public static Uri Runs(Uri endpoint, string project, string domain) =>
        new(Origin(endpoint), $"/v2/runs/project/{Uri.EscapeDataString(project)}/domain/{Uri.EscapeDataString(domain)}");

    /// <summary>The page of one run.</summary>
    public static Uri Of(Uri endpoint, string project, string domain, string run) =>
        new(Origin(endpoint), $"/v2/runs/project/{Uri.EscapeDataString(project)}/domain/{Uri.EscapeDataString(domain)}/{Uri.EscapeDataString(run)}");

    private static Uri Origin(Uri endpoint) => new(endpoint.GetLeftPart(UriPartial.Authority));
}
