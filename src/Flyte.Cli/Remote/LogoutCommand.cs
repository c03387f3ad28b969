using System.CommandLine;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte logout</c>: forgets the tokens cached for the configured control plane.</summary>
internal sealed class LogoutCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public LogoutCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("logout", "Forget the tokens cached for the control plane; the next command signs in again.");
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public int Invoke(ParseResult parse, CliConsole console)
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment, withCredentials: false);
        using var remote = ControlPlane.Connect(options);
        console.Out.WriteLine(remote.SignOut()
            ? $"signed out of {options.Endpoint}: its cached tokens are deleted"
            : $"no tokens were cached for {options.Endpoint}");
        return ExitCodes.Success;
    }
}
