using System.Text;

namespace Flyte.Runtime.Configuration;

/// <summary>One key of the config file, such as <c>admin.clientId</c>, and the environment variables that override it.</summary>
internal sealed record ConfigKey(string Section, string Name, ConfigValueKind Kind)
{
    public string Path => $"{Section}.{Name}";

    /// <summary>
    /// <c>FLYTE_ADMIN_CLIENTID</c> (flyte-sdk's spelling) and, for a camel-case key, <c>FLYTE_ADMIN_CLIENT_ID</c>; the first one set wins.
    /// </summary>
    public IReadOnlyList<string> EnvironmentNames
    {
        get
        {
            var flat = $"FLYTE_{Section.ToUpperInvariant()}_{Name.ToUpperInvariant()}";
            var words = $"FLYTE_{Section.ToUpperInvariant()}_{SplitWords(Name)}";
            return flat == words ? [flat] : [flat, words];
        }
    }

    /// <summary><c>clientSecretLocation</c> → <c>CLIENT_SECRET_LOCATION</c>, <c>httpProxyURL</c> → <c>HTTP_PROXY_URL</c>.</summary>
    private static string SplitWords(string camelCase)
    {
        var words = new StringBuilder();
        for (int i = 0; i < camelCase.Length; i++)
        {
            if (i > 0 && char.IsUpper(camelCase[i]) && (char.IsLower(camelCase[i - 1]) || char.IsDigit(camelCase[i - 1])))
            {
                words.Append('_');
            }
            words.Append(char.ToUpperInvariant(camelCase[i]));
        }
        return words.ToString();
    }
}
