using System.Text.RegularExpressions;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Flyte.Devbox.Tests.WebConsole;

/// <summary>
/// The devbox's web console (docs/console.md) in a real browser: a devbox per test, the samples run on it through a0,
/// and assertions on what a person sees in headless chromium. Each test keeps screenshots in
/// artifacts/console-screenshots/.
/// </summary>
public sealed class ConsoleTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        // Runs take a few seconds each on a loaded 2-core machine; what the page shows follows them live.
        SetDefaultExpectTimeout(90_000);
        _harness = await DevboxHarness.StartAsync();
        _page = await chromium.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task A_new_run_appears_in_the_live_list_and_its_action_tree_fills_in_with_inputs_outputs_and_logs()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.MeanOfSquares", "quickstart.Square");
        await _page.GotoAsync(_harness.Devbox.Endpoint + "/");
        await Expect(_page.GetByText("No runs yet")).ToBeVisibleAsync();

        // Started after the page loaded: only the live watch can show it.
        var run = await _harness.StartRunAsync(tasks["quickstart.MeanOfSquares"], Inputs("n", 3));
        var row = _page.Locator($"tr[data-run='{run.Name}']");
        await Expect(row).ToContainTextAsync("quickstart.MeanOfSquares");
        await Expect(row).ToContainTextAsync("Succeeded");
        await HeadlessChromium.ScreenshotAsync(_page, "runs-list");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"/v2/runs/project/flytesnacks/domain/development/{run.Name}$"));
        var tree = _page.GetByRole(AriaRole.List, new() { Name = "Actions" });
        await Expect(tree.Locator("li.node")).ToHaveCountAsync(4);
        var squares = tree.Locator("li.node", new() { HasText = "quickstart.Square" });
        await Expect(squares).ToHaveCountAsync(3);
        for (int i = 0; i < 3; i++)
        {
            await Expect(squares.Nth(i)).ToContainTextAsync("Succeeded");
        }
        await Expect(_page.GetByTestId("run-phase")).ToHaveTextAsync("Succeeded");

        var panel = _page.GetByRole(AriaRole.Complementary, new() { Name = "Action a0" });
        await Expect(panel.Locator(".value[data-name='n'] pre")).ToHaveTextAsync("3");
        // The mean of 0, 1 and 4.
        await Expect(panel.Locator(".value[data-name='o0'] pre")).ToHaveTextAsync("1.6666666666666667");
        await Expect(panel.GetByTestId("logs")).ToContainTextAsync("enqueued quickstart.Square");

        // A child's own page: its input and output, as the tree link selects it.
        await squares.Filter(new() { HasText = "Succeeded" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex(@"\?action=[0-9a-z]+$"));
        var child = _page.Locator("aside.panel");
        await Expect(child).ToContainTextAsync("quickstart.Square");
        await Expect(child.Locator(".value[data-name='x'] pre")).ToHaveTextAsync(new Regex("^[012]$"));
        await HeadlessChromium.ScreenshotAsync(_page, "quickstart-run");
    }

    [Fact]
    public async Task A_failed_attempt_shows_its_error_and_log_and_a_second_run_shows_its_cache_hit()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DataPipeline, "DataPipeline",
            "data-pipeline.Run", "data-pipeline.Fetch", "data-pipeline.Summarize", "data-pipeline.Report");
        var first = await _harness.StartRunAsync(tasks["data-pipeline.Run"], Inputs("count", 4));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(first)).Action.Status.Phase);

        await _page.GotoAsync($"{_harness.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{first.Name}");
        var tree = _page.GetByRole(AriaRole.List, new() { Name = "Actions" });
        var fetch = tree.Locator("li.node", new() { HasText = "data-pipeline.Fetch" });
        await Expect(fetch).ToContainTextAsync("2 attempts");
        await fetch.GetByRole(AriaRole.Link).ClickAsync();

        // Fetch fails its first attempt on purpose and succeeds on the retry.
        var panel = _page.Locator("aside.panel");
        var failed = panel.Locator("tr[data-attempt='0']");
        await Expect(failed).ToContainTextAsync("Failed");
        await Expect(panel.Locator("[data-attempt-error='0']")).ToContainTextAsync("Attempt 1 failed (user error)");
        await Expect(panel.Locator("[data-attempt-error='0']")).ToContainTextAsync("sensor gateway timed out; retrying");
        await Expect(panel.Locator("[data-attempt-error='1']")).ToHaveCountAsync(0);
        await Expect(panel.Locator("tr[data-attempt='1']")).ToContainTextAsync("Succeeded");
        // The readings, decoded from their msgpack record literals.
        await Expect(panel.Locator(".value[data-name='o0'] pre")).ToContainTextAsync("attic");
        await Expect(panel.Locator(".value[data-name='o0'] pre")).ToContainTextAsync("cellar");
        await failed.ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Logs attempt 1" })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("logs")).ToContainTextAsync("sensor gateway timed out; retrying");
        await HeadlessChromium.ScreenshotAsync(_page, "data-pipeline-failed-attempt");

        var second = await _harness.StartRunAsync(tasks["data-pipeline.Run"], Inputs("count", 4));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(second)).Action.Status.Phase);
        await _page.GotoAsync($"{_harness.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{second.Name}");
        await Expect(tree.Locator("li.node", new() { HasText = "data-pipeline.Summarize" })).ToContainTextAsync("cache hit");
        await HeadlessChromium.ScreenshotAsync(_page, "data-pipeline-cache-hit");
    }

    [Fact]
    public async Task A_failed_run_shows_its_error_at_the_top()
    {
        var slow = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "slow.Explode");
        var run = await _harness.StartRunAsync(slow["slow.Explode"], Inputs("x", 5));
        Assert.Equal(ActionPhase.Failed, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await _page.GotoAsync($"{_harness.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{run.Name}");
        await Expect(_page.GetByTestId("run-phase")).ToHaveTextAsync("Failed");
        await Expect(_page.GetByTestId("action-error")).ToContainTextAsync("User error:");
        await Expect(_page.GetByTestId("action-error")).ToContainTextAsync("cannot handle 5");
        await Expect(_page.Locator("aside.panel .value[data-name='x'] pre")).ToHaveTextAsync("5");
        await Expect(_page.Locator("aside.panel")).ToContainTextAsync("no outputs");
        await HeadlessChromium.ScreenshotAsync(_page, "failed-run");
    }

    [Fact]
    public async Task Abort_stops_a_running_run_and_the_list_filters_by_phase_and_task()
    {
        var slow = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "slow.Sleep");
        var quickstart = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var done = await _harness.StartRunAsync(quickstart["quickstart.Square"], Inputs("x", 7));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(done)).Action.Status.Phase);
        var sleeping = await _harness.StartRunAsync(slow["slow.Sleep"], Inputs("seconds", 600));

        await _page.GotoAsync($"{_harness.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{sleeping.Name}");
        await Expect(_page.GetByTestId("run-phase")).ToHaveTextAsync("Running");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Abort run" }).ClickAsync();
        await Expect(_page.GetByTestId("run-phase")).ToHaveTextAsync("Aborted");
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Abort run" })).ToHaveCountAsync(0);
        var details = await _harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = sleeping });
        Assert.Equal(ActionPhase.Aborted, details.Details.Action.Status.Phase);
        await HeadlessChromium.ScreenshotAsync(_page, "aborted-run");

        await _page.GetByRole(AriaRole.Link, new() { Name = "Runs flytesnacks / development" }).ClickAsync();
        var rows = _page.Locator("table.runs tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await _page.GetByLabel("Phase").SelectOptionAsync("Aborted");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-run", sleeping.Name);
        await _page.GetByLabel("Phase").SelectOptionAsync("all");
        await _page.GetByLabel("Task").SelectOptionAsync("quickstart.Square");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-run", done.Name);
        await Expect(_page.GetByText("1 of 2 runs")).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(_page, "runs-filtered");
    }

    [Fact]
    public async Task A_group_of_children_shows_as_one_row_and_the_report_shows_in_the_page()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Training, "Training", "training.CrossValidate", "training.LoadPoints", "training.TrainFold");
        await Flyte.Devbox.Tests.Secrets.SecretInjection.CreateAsync(_harness, "data-token", "t0ken", DevboxHarness.Project, DevboxHarness.Domain);
        var run = await _harness.StartRunAsync(tasks["training.CrossValidate"], Inputs("folds", 3));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await _page.GotoAsync($"{_harness.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{run.Name}");
        var group = _page.Locator("li.group[data-group='folds']");
        await Expect(group).ToContainTextAsync("3 of 3 done");
        var report = _page.FrameLocator("iframe[title='Report']");
        await Expect(report.GetByText("3 folds of")).ToBeVisibleAsync();
        await Expect(report.Locator("th", new() { HasText = "mean squared error" })).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(_page, "training-group-and-report");
    }

    private static LiteralMap Inputs(string name, long value) => new() { Literals = { [name] = ScalarLiterals.FromInt64(value) } };
}
