using System.Text;

namespace Flyte.Remote.Auth;

/// <summary>
/// An API key as flyte-sdk reads <c>FLYTE_API_KEY</c>: base64 of <c>endpoint:client_id:client_secret:org</c>. The last
/// three parts are split off from the right, so an endpoint with a port or scheme (<c>http://127.0.0.1:8090</c>) keeps
/// its colons; for keys whose endpoint has none this reads exactly as flyte-sdk does.
/// </summary>
public sealed record FlyteApiKey(string Endpoint, string ClientId, string ClientSecret, string? Org)
{
    /// <summary>The variable flyte-sdk's CLI and <c>flyte.init_from_api_key</c> read.</summary>
    public const string EnvironmentVariable = "FLYTE_API_KEY";

    /// <exception cref="FormatException">Not base64, or not four parts.</exception>
    public static FlyteApiKey Parse(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));
        }
        catch (FormatException e)
        {
            throw new FormatException("the API key is not base64: it should be base64 of endpoint:client_id:client_secret:org", e);
        }
        int org = text.LastIndexOf(':');
        int secret = org > 0 ? text.LastIndexOf(':', org - 1) : -1;
        int client = secret > 0 ? text.LastIndexOf(':', secret - 1) : -1;
        if (client <= 0)
        {
            throw new FormatException("the API key does not hold four parts: it should be base64 of endpoint:client_id:client_secret:org");
        }
        string orgName = text[(org + 1)..];
        return new FlyteApiKey(
            text[..client],
            text[(client + 1)..secret],
            text[(secret + 1)..org],
            orgName.Length == 0 || orgName == "None" ? null : orgName);
    }

    // The secret never shows in logs or assertion messages.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, ClientId = {ClientId}, ClientSecret = ***, Org = {Org}");
        return true;
    }

    /// <summary>The key as flyte-sdk encodes it (an empty org as <c>None</c>).</summary>
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Endpoint}:{ClientId}:{ClientSecret}:{Org ?? "None"}"));
}
