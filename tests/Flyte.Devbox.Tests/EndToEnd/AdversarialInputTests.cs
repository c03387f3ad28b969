using Flyte.Generation;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// The bugs an adversarial probe of the devbox found, each as the calls that showed it (issue "The devbox under
/// adversarial input"): every identifier is checked whole and bounded, stored objects are never replaced, and no error
/// echoes more than a bounded prefix of what was sent.
/// </summary>
public sealed class AdversarialInputTests : IAsyncLifetime
{
    private static readonly ProjectIdentifier Project = new() { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };

    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static LiteralMap Square(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

    [Fact]
    public async Task A_run_name_with_a_trailing_newline_is_refused_and_shares_nothing_with_the_run_without_it()
    {
        var square = (await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"))["quickstart.Square"];
        var plain = await _harness.StartRunAsync(square, Square(2), runName: "nl-x");

        var refused = await Assert.ThrowsAsync<RpcException>(() => _harness.StartRunAsync(square, Square(3), runName: "nl-x\n"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("run_id.name 'nl-x\\n' is not valid: use lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, at most 63 characters",
            refused.Status.Detail);
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(plain)).Action.Status.Phase);
        var data = await _harness.DataProxy.GetActionDataAsync(new Flyteidl2.Dataproxy.GetActionDataRequest { ActionId = new ActionIdentifier { Run = plain, Name = "a0" } });
        Assert.Equal(2, data.Inputs.Literals.Single().Value.Scalar.Primitive.Integer);
        Assert.Equal(4, data.Outputs.Literals.Single().Value.Scalar.Primitive.Integer);
    }

    [Theory]
    [InlineData("project")]
    [InlineData("domain")]
    [InlineData("name")]
    [InlineData("org")]
    public async Task A_huge_identifier_is_refused_with_a_bounded_message(string field)
    {
        string huge = new('a', 100_000);
        var id = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "r1" };
        switch (field)
        {
            case "project": id.Project = huge; break;
            case "domain": id.Domain = huge; break;
            case "name": id.Name = huge; break;
            default: id.Org = huge; break;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => _harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = id }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith($"run_id.{field} 'aaaa", refused.Status.Detail);
        Assert.Contains("…(100000 characters)' is not valid", refused.Status.Detail);
        Assert.True(refused.Status.Detail.Length < 300, $"{refused.Status.Detail.Length} characters of detail");
    }

    [Fact]
    public async Task An_upload_URL_issued_before_the_object_existed_cannot_replace_it_later()
    {
        byte[] a = Encoding.UTF8.GetBytes("content A");
        byte[] b = Encoding.UTF8.GetBytes("content B, another length");
        var forA = await LocationAsync("same.bin", a, filenameRoot: "race");
        var forB = await LocationAsync("same.bin", b, filenameRoot: "race");
        Assert.Equal(forA.NativeUrl, forB.NativeUrl);

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(http, forA, a)).StatusCode);
        using var replaced = await PutAsync(http, forB, b);
        using var again = await PutAsync(http, forA, a);

        Assert.Equal(HttpStatusCode.Conflict, replaced.StatusCode);
        Assert.Contains("already holds other content", await replaced.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(a, await File.ReadAllBytesAsync(new Uri(forA.NativeUrl).LocalPath));
        var refused = await Assert.ThrowsAsync<RpcException>(() => LocationAsync("same.bin", b, filenameRoot: "race"));
        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(228)]
    [InlineData(255)]
    [InlineData(4000)]
    public async Task An_upload_name_too_long_for_the_disk_is_refused_up_front_not_with_a_500(int length)
    {
        string name = new('n', length);

        var refused = await Assert.ThrowsAsync<RpcException>(() => LocationAsync(name, [1, 2, 3]));
        var refusedRoot = await Assert.ThrowsAsync<RpcException>(() => LocationAsync("ok.bin", [1, 2, 3], filenameRoot: name));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("is not valid:", refused.Status.Detail);
        Assert.StartsWith("filename 'nnnn", refused.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, refusedRoot.StatusCode);
        Assert.StartsWith("filename_root 'nnnn", refusedRoot.Status.Detail);
    }

    [Fact]
    public async Task The_longest_upload_name_allowed_is_stored()
    {
        byte[] content = [1, 2, 3];
        string name = new('é', 100); // 200 UTF-8 bytes, the limit of one segment
        var location = await LocationAsync(name, content, filenameRoot: new string('r', 200));

        using var http = new HttpClient();
        using var stored = await PutAsync(http, location, content);

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(new Uri(location.NativeUrl).LocalPath));
    }

    [Fact]
    public async Task ListRuns_refuses_filters_it_does_not_know_instead_of_answering_everything()
    {
        var square = (await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square"))["quickstart.Square"];
        var run = await _harness.StartRunAsync(square, Square(5));
        await _harness.WaitAsync(run);

        Task<ListRunsResponse> List(params Filter[] filters) =>
            _harness.Runs.ListRunsAsync(new ListRunsRequest { ProjectId = Project, Request = new ListRequest { Filters = { filters } } }).ResponseAsync;

        var unknownField = await Assert.ThrowsAsync<RpcException>(() => List(new Filter { Field = "owner", Function = Filter.Types.Function.Equal, Values = { "x" } }));
        var unknownFunction = await Assert.ThrowsAsync<RpcException>(() => List(new Filter { Field = "name", Function = Filter.Types.Function.GreaterThan, Values = { "x" } }));
        var unknownPhase = await Assert.ThrowsAsync<RpcException>(() => List(new Filter { Field = "phase", Function = Filter.Types.Function.Equal, Values = { "DONE" } }));
        var raw = await Assert.ThrowsAsync<RpcException>(() => _harness.Runs.ListRunsAsync(new ListRunsRequest
        {
            ProjectId = Project,
            Request = new ListRequest { RawFilters = { "eq(owner,x)" } },
        }).ResponseAsync);

        Assert.All(new[] { unknownField, unknownFunction, unknownPhase, raw }, e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal("request.filters field 'owner' is not supported: filter on name, task_name or phase", unknownField.Status.Detail);
        Assert.StartsWith("request.filters function GreaterThan is not supported on name", unknownFunction.Status.Detail);
        Assert.Single((await List(new Filter { Field = "phase", Function = Filter.Types.Function.Equal, Values = { "SUCCEEDED" } })).Runs);
        Assert.Empty((await List(new Filter { Field = "phase", Function = Filter.Types.Function.Equal, Values = { "PHASE_FAILED" } })).Runs);
        Assert.Single((await List(new Filter { Field = "name", Function = Filter.Types.Function.Equal, Values = { run.Name } })).Runs);
        Assert.Empty((await List(new Filter { Field = "task_name", Function = Filter.Types.Function.Equal, Values = { "quickstart.Other" } })).Runs);
    }

    [Theory]
    [InlineData("GET", "/outside/quickstart.Square")]
    [InlineData("PUT", "/nothing")]
    public async Task A_request_for_nothing_served_gets_a_404_that_says_so(string method, string path)
    {
        // Found by the fuzzer: ASP.NET's default answer was an empty 404, and its default fallback skipped file-like paths.
        using var http = new HttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), _harness.Devbox.Endpoint.TrimEnd('/') + path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"Nothing is served at {method} '{path}': the devbox serves its console at /, gRPC, gRPC-Web and Connect, and signed /storage/ URLs.\n", await response.Content.ReadAsStringAsync());
    }

    private Task<CreateUploadLocationResponse> LocationAsync(string filename, byte[] content, string filenameRoot = "") =>
        _harness.DataProxy.CreateUploadLocationAsync(new CreateUploadLocationRequest
        {
            Project = DevboxHarness.Project,
            Domain = DevboxHarness.Domain,
            Filename = filename,
            FilenameRoot = filenameRoot,
            ContentMd5 = ByteString.CopyFrom(MD5.HashData(content)),
        }).ResponseAsync;

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, CreateUploadLocationResponse location, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, location.SignedUrl) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentMD5 = Convert.FromBase64String(location.Headers["Content-MD5"]);
        return await http.SendAsync(request);
    }
}
