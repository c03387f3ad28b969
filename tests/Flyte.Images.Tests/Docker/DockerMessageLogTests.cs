using Docker.DotNet.Models;

namespace Flyte.Images.Tests.Docker;

/// <summary>The engine's JSON messages as log lines: split and joined into whole lines, progress bars left out, the error and its step kept.</summary>
public sealed class DockerMessageLogTests
{
    private sealed class Lines : IProgress<string>
    {
        public List<string> All { get; } = [];

        public void Report(string value) => All.Add(value);
    }

    [Fact]
    public void Build_output_becomes_one_log_line_per_line_whatever_the_message_boundaries()
    {
        var lines = new Lines();
        var log = new DockerMessageLog(lines);

        log.Report(new JSONMessage { Stream = "Step 1/2 : FROM base:1\n ---> 1234\n" });
        log.Report(new JSONMessage { Stream = "Step 2/2 : RUN echo " });
        log.Report(new JSONMessage { Stream = "hi\r\n\n" });
        log.Report(new JSONMessage { Stream = "no newline yet" });
        log.Flush();

        Assert.Equal(["Step 1/2 : FROM base:1", " ---> 1234", "Step 2/2 : RUN echo hi", "no newline yet"], lines.All);
        Assert.Equal("Step 2/2 : RUN echo hi", log.Step);
        Assert.Null(log.Error);
    }

    [Fact]
    public void Statuses_are_logged_with_their_layer_but_progress_bars_are_not()
    {
        var lines = new Lines();
        var log = new DockerMessageLog(lines);

        log.Report(new JSONMessage { Status = "The push refers to repository [127.0.0.1:5000/app]" });
        log.Report(new JSONMessage { Status = "Preparing", ID = "abc123" });
        log.Report(new JSONMessage { Status = "Pushing", ID = "abc123", ProgressMessage = "[===>   ] 1MB/3MB", Progress = new JSONProgress { Current = 1, Total = 3 } });
        log.Report(new JSONMessage { Status = "Pushed", ID = "abc123" });

        Assert.Equal(["The push refers to repository [127.0.0.1:5000/app]", "abc123: Preparing", "abc123: Pushed"], lines.All);
    }

    [Fact]
    public void The_first_error_is_kept_and_logged_after_the_partial_line_before_it()
    {
        var lines = new Lines();
        var log = new DockerMessageLog(lines);

        log.Report(new JSONMessage { Stream = "Step 2/3 : RUN false\n ---> Running in 42" });
        log.Report(new JSONMessage { Error = new JSONError { Code = 1, Message = "The command '/bin/sh -c false' returned a non-zero code: 1" }, ErrorMessage = "The command '/bin/sh -c false' returned a non-zero code: 1" });
        log.Report(new JSONMessage { ErrorMessage = "a later error" });

        Assert.Equal("The command '/bin/sh -c false' returned a non-zero code: 1", log.Error);
        Assert.Equal("Step 2/3 : RUN false", log.Step);
        Assert.Equal(
            ["Step 2/3 : RUN false", " ---> Running in 42", "error: The command '/bin/sh -c false' returned a non-zero code: 1", "error: a later error"],
            lines.All);
    }

    [Fact]
    public void The_last_line_the_running_step_wrote_is_kept_without_the_engines_own_lines()
    {
        var log = new DockerMessageLog(new Lines());

        log.Report(new JSONMessage { Stream = "Step 2/3 : RUN echo one\n ---> Running in 41\none\nRemoving intermediate container 41\n ---> 5678\n" });
        Assert.Equal("one", log.LastOutput);
        log.Report(new JSONMessage { Stream = "Step 3/3 : RUN echo disk full >&2; exit 3\n ---> Running in 42\ndisk full\n" });
        log.Report(new JSONMessage { ErrorMessage = "The command '/bin/sh -c echo disk full >&2; exit 3' returned a non-zero code: 3" });

        Assert.Equal("disk full", log.LastOutput);
        Assert.Equal("Step 3/3 : RUN echo disk full >&2; exit 3", log.Step);
    }

    [Fact]
    public void The_colour_codes_the_engine_puts_around_stderr_are_left_out()
    {
        var lines = new Lines();
        var log = new DockerMessageLog(lines);

        log.Report(new JSONMessage { Stream = "Step 2/2 : RUN echo oops >&2; exit 3\n ---> Running in 42\n\u001b[91moops\n\u001b[0mRemoving intermediate container 42\n" });

        Assert.Equal("oops", log.LastOutput);
        Assert.Equal(["Step 2/2 : RUN echo oops >&2; exit 3", " ---> Running in 42", "oops", "Removing intermediate container 42"], lines.All);
    }

    [Fact]
    public void A_step_that_wrote_nothing_has_no_last_line()
    {
        var log = new DockerMessageLog(new Lines());

        log.Report(new JSONMessage { Stream = "Step 1/2 : FROM base:1\n ---> 1234\nStep 2/2 : RUN false\n ---> Running in 42\n" });

        Assert.Null(log.LastOutput);
    }
}
