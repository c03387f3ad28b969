using Flyte.Generation;
using Flyte.Devbox.Storage;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Storage;
using Flyte.Tests.Shared;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>
/// A devbox whose run data is in an S3 bucket (a real s3rver): the code bundle goes up to a presigned URL, a0 fetches it,
/// reads its inputs and writes its outputs in the bucket, and the devbox reads them back from there.
/// </summary>
public sealed class S3RunTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private readonly string _prefix = "devbox-" + Guid.NewGuid().ToString("N");
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync(configure: options => options with
    {
        S3 = new S3StorageOptions { Bucket = S3rverFixture.Bucket, Prefix = _prefix, Connection = s3.Options },
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Quickstart_Square_runs_with_its_code_inputs_and_outputs_in_the_bucket()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var square = tasks["quickstart.Square"];

        var run = await _harness.StartRunAsync(square, new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(7) } });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(49, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        var data = await _harness.DataProxy.GetActionDataAsync(new Flyteidl2.Dataproxy.GetActionDataRequest { ActionId = new ActionIdentifier { Run = run, Name = "a0" } });
        Assert.Equal(7, data.Inputs.Literals.Single(input => input.Name == "x").Value.Scalar.Primitive.Integer);
        Assert.Equal(49, data.Outputs.Literals.Single(output => output.Name == "o0").Value.Scalar.Primitive.Integer);

        string root = $"s3://{S3rverFixture.Bucket}/{_prefix}";
        string runBase = $"{root}/runs/{DevboxHarness.Project}/{DevboxHarness.Domain}/{run.Name}";
        var uris = await _harness.Runs.GetActionDataURIsAsync(new GetActionDataURIsRequest { ActionId = new ActionIdentifier { Run = run, Name = "a0" } });
        Assert.Equal($"{runBase}/a0/inputs.pb", uris.InputsUri);
        Assert.Equal($"{runBase}/a0/0/outputs.pb", uris.OutputsUri);
        var objects = await ListAsync(root + "/");
        Assert.Contains($"{runBase}/a0/inputs.pb", objects);
        Assert.Contains($"{runBase}/a0/0/outputs.pb", objects);
        Assert.Contains($"{root}/uploads/{DevboxHarness.Project}/{DevboxHarness.Domain}/{square.Version}/fast{square.Version}.tar.gz", objects);
        // Nothing of the run went to the data folder's store: it holds only state, attempt folders and logs.
        Assert.False(Directory.Exists(Path.Combine(_harness.DataDirectory, "store")));
    }

    private async Task<List<string>> ListAsync(string prefix)
    {
        using var store = new S3ObjectStore(s3.Options);
        var found = new List<string>();
        await foreach (string uri in store.ListAsync(prefix))
        {
            found.Add(uri);
        }
        return found;
    }
}
