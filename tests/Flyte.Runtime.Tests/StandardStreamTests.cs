using Flyte.Generation;
using Google.Protobuf;

namespace Flyte.Runtime.Tests;

/// <summary>
/// a0 writes its own lines straight to file descriptors 1 and 2 (not through System.Console): whatever
/// they are (a regular file both share, a closed descriptor), every line lands once, in order, and the
/// action's result does not depend on them.
/// </summary>
public sealed class StandardStreamTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "a0-streams-" + Guid.NewGuid().ToString("N"));

    public StandardStreamTests()
    {
        Directory.CreateDirectory(_work);
        var inputs = new Flyteidl2.Task.Inputs();
        inputs.Literals.Add(new Flyteidl2.Task.NamedLiteral { Name = "x", Value = ScalarLiterals.FromInt64(7) });
        File.WriteAllBytes(Path.Combine(_work, "inputs.pb"), inputs.ToByteArray());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Runs a0 for quickstart.Square through the shell, with <paramref name="redirections"/> applied to it.</summary>
    private int RunA0(string redirections)
    {
        string a0 = $"dotnet '{SampleOutputs.A0}' --no-such-option value --inputs '{_work}/inputs.pb' --outputs-path '{_work}/out' "
                    + $"--dest '{SampleOutputs.Quickstart}' --resolver flyte-dotnet assembly Quickstart task quickstart.Square";
        var result = ChildProcess.Run("/bin/sh", ["-c", $"{a0} {redirections}"], new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        return result.ExitCode;
    }

    [Fact]
    public void Standard_output_and_error_sharing_one_file_keep_every_line_in_order()
    {
        string log = Path.Combine(_work, "log.txt");
        File.WriteAllText(log, "before a0\n");

        int exitCode = RunA0($">> '{log}' 2>&1");

        Assert.Equal(0, exitCode);
        string[] lines = File.ReadAllLines(log);
        Assert.Equal(3, lines.Length);
        Assert.Equal("before a0", lines[0]);
        Assert.StartsWith("a0: warning: ", lines[1]);
        Assert.Contains("--no-such-option", lines[1]);
        Assert.StartsWith("a0: quickstart.Square succeeded; outputs in ", lines[2]);
    }

    [Fact]
    public void Closed_standard_streams_do_not_fail_the_action()
    {
        int exitCode = RunA0(">&- 2>&-");

        Assert.Equal(0, exitCode);
        var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(_work, "out", "outputs.pb")));
        Assert.Equal(49, Assert.Single(outputs.Literals).Value.Scalar.Primitive.Integer);
    }
}
