using Flyte.Remote.Auth;

namespace Flyte.Sdk.Tests.Auth;

public class TokenRenewalTests
{
    private static readonly DateTimeOffset Issued = DateTimeOffset.Parse("2026-12-06T10:00:00Z");

    [Theory]
    [InlineData(0, false)]
    [InlineData(58 * 60, false)]
    [InlineData(59 * 60, true)] // an hour's token is renewed in its last minute
    [InlineData(61 * 60, true)]
    public void An_hour_long_token_is_renewed_a_minute_before_it_expires(int secondsLater, bool renew)
    {
        var token = new TokenSet("a", null, Issued, Issued.AddHours(1));

        Assert.Equal(renew, token.NeedsRenewal(Issued.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)] // a 4-second token is renewed in its last quarter
    public void A_short_token_is_renewed_in_its_last_quarter(int secondsLater, bool renew)
    {
        var token = new TokenSet("a", null, Issued, Issued.AddSeconds(4));

        Assert.Equal(renew, token.NeedsRenewal(Issued.AddSeconds(secondsLater)));
    }

    [Fact]
    public void A_token_without_an_expiry_is_used_until_the_server_refuses_it()
    {
        Assert.False(new TokenSet("a", null, Issued, null).NeedsRenewal(Issued.AddYears(1)));
    }
}
