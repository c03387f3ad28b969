using Flyte.Generation;
using Flyte.Bundles;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Grpc.Core;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>CreateDownloadLink on a devbox: a deployed task's code bundle, byte for byte; a report an attempt did not write is NOT_FOUND.</summary>
public sealed class DownloadLinkTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_deployed_tasks_code_bundle_downloads_byte_for_byte_through_a_signed_link()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var square = tasks["quickstart.Square"];

        var response = await _harness.DataProxy.CreateDownloadLinkAsync(new CreateDownloadLinkRequest { ArtifactType = ArtifactType.CodeBundle, TaskId = square });

        string url = Assert.Single(response.PreSignedUrls.SignedUrl);
        using var http = new HttpClient();
        byte[] downloaded = await http.GetByteArrayAsync(url);
        Assert.Equal(square.Version, Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(downloaded)));
    }

    [Fact]
    public async Task Missing_artifacts_are_NOT_FOUND_and_say_what_was_asked_for()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var run = await _harness.StartRunAsync(tasks["quickstart.Square"], new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(3) } });
        await _harness.WaitAsync(run);

        var report = await Assert.ThrowsAsync<RpcException>(async () => await _harness.DataProxy.CreateDownloadLinkAsync(new CreateDownloadLinkRequest
        {
            ArtifactType = ArtifactType.Report,
            ActionAttemptId = new ActionAttemptIdentifier { ActionId = new ActionIdentifier { Run = run, Name = "a0" }, Attempt = 0 },
        }));
        Assert.Equal(StatusCode.NotFound, report.StatusCode);
        Assert.Contains("report.html does not exist", report.Status.Detail);

        var unknown = tasks["quickstart.Square"].Clone();
        unknown.Name = "quickstart.Cube";
        var bundle = await Assert.ThrowsAsync<RpcException>(async () => await _harness.DataProxy.CreateDownloadLinkAsync(new CreateDownloadLinkRequest { ArtifactType = ArtifactType.CodeBundle, TaskId = unknown }));
        Assert.Equal(StatusCode.NotFound, bundle.StatusCode);
        Assert.Contains("quickstart.Cube", bundle.Status.Detail);
    }
}
