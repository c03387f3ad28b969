using System.Text;
using Flyte.Remote.Auth;

namespace Flyte.Sdk.Tests.Auth;

public class ExternalCommandFlowTests
{
    private static TokenEndpointClient Tokens() => new(new HttpClient(), TimeProvider.System);

    [Fact]
    public async Task The_commands_standard_output_is_the_token()
    {
        var flow = new ExternalCommandFlow(["sh", "-c", "echo '  opaque-token  '"]);

        var token = await flow.AcquireAsync(null, Tokens(), CancellationToken.None);

        Assert.Equal("opaque-token", token.AccessToken);
        Assert.Null(token.ExpiresAt);
    }

    [Fact]
    public async Task A_jwt_from_the_command_is_renewed_before_its_exp()
    {
        string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"exp\":1900000000,\"sub\":\"x\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var flow = new ExternalCommandFlow(["echo", $"eyJhbGciOiJub25lIn0.{payload}.sig"]);

        var token = await flow.AcquireAsync(null, Tokens(), CancellationToken.None);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), token.ExpiresAt);
    }

    [Fact]
    public async Task A_failing_command_is_one_line_with_its_exit_code_and_error()
    {
        var flow = new ExternalCommandFlow(["sh", "-c", "echo 'not logged in' >&2; exit 3"]);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => flow.AcquireAsync(null, Tokens(), CancellationToken.None));

        Assert.Equal("admin.command 'sh' exited with 3: not logged in", error.Message);
    }

    [Fact]
    public async Task A_missing_program_says_so()
    {
        var flow = new ExternalCommandFlow(["/no/such/token-tool"]);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => flow.AcquireAsync(null, Tokens(), CancellationToken.None));

        Assert.StartsWith("admin.command '/no/such/token-tool' cannot be started", error.Message);
    }
}
